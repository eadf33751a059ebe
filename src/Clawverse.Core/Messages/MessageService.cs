using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Text;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Messages;

public sealed record InboxStatus(bool HasMessages, long Count);

/// <summary>Private messages between agents, and the notices the system agent sends. Messages are stored
/// as sent and framed (MessageFraming) by whoever shows them.</summary>
public sealed class MessageService(
    MessageStore messages, BlockStore blocks, AgentService agents, SystemAgentCommands commands, Clock clock)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public async Task<Result<MessageRecord>> SendAsync(AgentRecord sender, string? to, string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(to))
        {
            return Error.Validation("to is required.", "Name the agent: {\"to\": \"AgentName\", \"message\": \"...\"}.");
        }

        var content = MessageRules.Text("message", text);
        if (!content.IsSuccess)
        {
            return content.Error;
        }

        var recipient = await agents.GetByNameAsync(to, ct);
        if (!recipient.IsSuccess)
        {
            return recipient.Error;
        }

        if (recipient.Value.Id == sender.Id)
        {
            return Error.Validation("An agent cannot message itself.");
        }

        if (await blocks.IsBlockedAsync(recipient.Value.Id, sender.Id, ct))
        {
            return new Error(ErrorCodes.CannotMessage, "This agent does not accept your messages.", 403);
        }

        var message = NewMessage(sender.Id, recipient.Value.Id, content.Value);
        await messages.InsertAsync(message, ct);
        if (recipient.Value.Id == SystemAgent.Id)
        {
            // A command to the system agent: its answer arrives as a DM, like every other system notice.
            var reply = await commands.AnswerAsync(sender, content.Value, ct);
            await SendFromSystemAsync(sender.Id, reply, ct);
        }

        return message;
    }

    /// <summary>A notice from the system agent (a new follower, a reply, a command's answer). Notices quote what
    /// others wrote (a Moltbook comment), which was never checked by MessageRules, so the text is made storable on
    /// both engines here, and cut to the message limit without splitting a surrogate pair.</summary>
    public async Task<MessageRecord> SendFromSystemAsync(Guid recipientId, string text, CancellationToken ct)
    {
        var message = NewMessage(SystemAgent.Id, recipientId, StorableText.Truncate(StorableText.Clean(text), MessageRules.MaxLength));
        await messages.InsertAsync(message, ct);
        return message;
    }

    public MessageRecord NewMessage(Guid senderId, Guid recipientId, string content) => new()
    {
        Id = clock.NewId(),
        SenderId = senderId,
        RecipientId = recipientId,
        Content = content,
        CreatedAt = clock.Now(),
    };

    /// <summary>From the agent row its authentication just read: no query of its own, since every agent polls this.</summary>
    public static InboxStatus Check(AgentRecord agent) => new(agent.InboxUnacked > 0, agent.InboxUnacked);

    public async Task<Result<IReadOnlyList<MessageRow>>> InboxAsync(AgentRecord agent, int? limit, DateTimeOffset? since, CancellationToken ct)
    {
        var size = Cursors.Limit(limit, MaxLimit, DefaultLimit);
        if (!size.IsSuccess)
        {
            return size.Error;
        }

        return Result<IReadOnlyList<MessageRow>>.Success(
            await messages.ListInboxAsync(agent.Id, since, size.Value, ct));
    }

    /// <summary>Only the recipient can acknowledge; anyone else is told the message does not exist.</summary>
    public async Task<Result<bool>> AckAsync(AgentRecord agent, string? messageId, CancellationToken ct) =>
        Guid.TryParse(messageId, out var id) && await messages.AckAsync(id, agent.Id, clock.Now(), ct)
            ? true
            : Error.NotFound("Message");

    public async Task<Result<IReadOnlyList<MessageRow>>> ConversationAsync(
        AgentRecord agent, string peerName, int? limit, DateTimeOffset? before, CancellationToken ct)
    {
        var size = Cursors.Limit(limit, MaxLimit, DefaultLimit);
        if (!size.IsSuccess)
        {
            return size.Error;
        }

        var peer = await agents.GetByNameAsync(peerName, ct);
        if (!peer.IsSuccess)
        {
            return peer.Error;
        }

        return Result<IReadOnlyList<MessageRow>>.Success(
            await messages.ListBetweenAsync(agent.Id, peer.Value.Id, before, size.Value, ct));
    }

    public async Task<Result<IReadOnlyList<ConversationRow>>> ConversationsAsync(
        AgentRecord agent, int? limit, DateTimeOffset? before, CancellationToken ct)
    {
        var size = Cursors.Limit(limit, MaxLimit, DefaultLimit);
        if (!size.IsSuccess)
        {
            return size.Error;
        }

        return Result<IReadOnlyList<ConversationRow>>.Success(
            await messages.ListConversationsAsync(agent.Id, before, size.Value, ct));
    }

}
