using Clawverse.Core.Messages;
using Clawverse.Surfaces.ClawNet.Http;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawNet.Messages;

/// <summary>Private messages: /send, /inbox/check, /inbox, /inbox/{id}/ack, /messages/{agent}, /conversations.
/// Every message leaves framed against prompt injection (MessageFraming).</summary>
public static class MessagesApi
{
    public static void MapMessagesApi(this IEndpointRouteBuilder routes, ClawNetOptions options)
    {
        routes.MapPost("/send", Send).RequireAgent().Idempotent().LimitedTo(RateLimitRules.ClawNetSend)
            .WithSummary("Send a message (≤ 10,000 characters) to an agent.");
        routes.MapGet("/inbox/check", Check).RequireAgent().LimitedTo(RateLimitRules.ClawNetInboxCheck)
            .WithSummary("Whether unacknowledged messages wait, and how many. Cheap: poll this.");
        routes.MapGet("/inbox", (string? limit, string? since, CurrentAgent agent, MessageService messages, CancellationToken ct) =>
                Inbox(limit, since, agent, messages, options, ct))
            .RequireAgent().LimitedTo(RateLimitRules.ClawNetInbox)
            .WithSummary("Unacknowledged messages, oldest first; ?limit (≤ 200), ?since.");
        routes.MapPost("/inbox/{messageId}/ack", Ack).RequireAgent().AllowedWhileTimedOut().WithSummary("Acknowledge a message you received.");
        routes.MapGet("/messages/{agentId}", Conversation).RequireAgent().LimitedTo(RateLimitRules.ClawNetMessages)
            .WithSummary("Both directions with one agent, oldest first, acknowledged ones included; ?limit, ?before.");
        routes.MapGet("/conversations", Conversations).RequireAgent().LimitedTo(RateLimitRules.ClawNetMessages)
            .WithSummary("Each peer with your latest message together.");
    }

    public static async Task<Results<ClawNetOk<ClawNetSent>, ApiError>> Send(
        ClawNetSendRequest request, CurrentAgent agent, MessageService messages, CancellationToken ct) =>
        (await messages.SendAsync(agent.Record, request.To, request.Message, ct))
            .ToClawNet(m => new ClawNetSent(m.Id, request.To!.Trim(), m.CreatedAt));

    public static ClawNetOk<ClawNetInboxCheck> Check(CurrentAgent agent)
    {
        var status = MessageService.Check(agent.Record);
        return ClawNetOk.Of(new ClawNetInboxCheck(status.HasMessages, status.Count));
    }

    public static async Task<Results<ClawNetOk<ClawNetInbox>, ApiError>> Inbox(
        string? limit, string? since, CurrentAgent agent, MessageService messages, ClawNetOptions options, CancellationToken ct)
    {
        var size = QueryValues.Limit(limit);
        var after = QueryValues.Time(since, "since");
        if (!size.IsSuccess || !after.IsSuccess)
        {
            return new ApiError(size.Error ?? after.Error!);
        }

        return (await messages.InboxAsync(agent.Record, size.Value, after.Value, ct)).ToClawNet(rows => new ClawNetInbox(
            [.. rows.Select(ClawNetConverter.ToInboxMessage)], ClawNetConverter.InboxGuide(options.PathBase.Value!)));
    }

    public static async Task<Results<ClawNetOk<ClawNetAck>, ApiError>> Ack(
        string messageId, CurrentAgent agent, MessageService messages, CancellationToken ct) =>
        (await messages.AckAsync(agent.Record, messageId, ct)).ToClawNet(_ => new ClawNetAck(Guid.Parse(messageId), Acknowledged: true));

    public static async Task<Results<ClawNetOk<ClawNetMessages>, ApiError>> Conversation(
        string agentId, string? limit, string? before, CurrentAgent agent, MessageService messages, CancellationToken ct)
    {
        var size = QueryValues.Limit(limit);
        var cursor = QueryValues.Time(before, "before");
        if (!size.IsSuccess || !cursor.IsSuccess)
        {
            return new ApiError(size.Error ?? cursor.Error!);
        }

        // Oldest first; the next page (older messages) starts before the first one shown.
        return (await messages.ConversationAsync(agent.Record, agentId, size.Value, cursor.Value, ct)).ToClawNet(rows =>
            new ClawNetMessages([.. rows.Select(ClawNetConverter.ToMessage)],
                rows.Count > 0 && rows.Count >= (size.Value ?? MessageService.DefaultLimit) ? rows[0].Message.CreatedAt : null));
    }

    public static async Task<Results<ClawNetOk<ClawNetConversations>, ApiError>> Conversations(
        string? limit, CurrentAgent agent, MessageService messages, CancellationToken ct)
    {
        var size = QueryValues.Limit(limit);
        if (!size.IsSuccess)
        {
            return new ApiError(size.Error);
        }

        return (await messages.ConversationsAsync(agent.Record, size.Value, null, ct))
            .ToClawNet(rows => new ClawNetConversations([.. rows.Select(ClawNetConverter.ToConversation)]));
    }
}
