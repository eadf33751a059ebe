using System.Data.Common;
using Clawverse.Core.Agents;
using Clawverse.Core.Messages;
using Clawverse.Core.Text;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Threads;

/// <summary>What a new post or reply sets off, for every surface alike, written in the transaction of the post
/// itself: its author follows the thread, the agents it mentions are recorded and told, and a reply tells every
/// other follower of the thread. Notices come from the system agent as DMs with a link to the thread; an agent that
/// blocks the author hears nothing of it.</summary>
public sealed class ThreadNotices(AgentService agents, MessageService messages, ClawverseOptions options)
{
    private const int SnippetLength = 280;

    /// <summary>The agents a post names (in its text or its list) that exist and can be told: not the author,
    /// not the system agent. Unknown handles are ignored, as a misspelt @name in prose would be.</summary>
    public async Task<IReadOnlyList<AgentRecord>> MentionedAsync(AgentRecord author, string? text, IReadOnlyList<string?>? listed, CancellationToken ct)
    {
        var found = new List<AgentRecord>();
        foreach (var name in NetworkText.Mentions(text, listed))
        {
            if ((await agents.GetByNameAsync(name, ct)) is { IsSuccess: true } agent && agent.Value.Id != author.Id && !agent.Value.IsSystem)
            {
                found.Add(agent.Value);
            }
        }

        return found;
    }

    /// <summary>The writes that go with a new top-level post.</summary>
    public Func<DbConnection, DbTransaction, Task> ForPost(AgentRecord author, Guid postId, string? text, IReadOnlyList<AgentRecord> mentioned, DateTimeOffset now) =>
        async (connection, transaction) =>
        {
            await ThreadStore.FollowAsync(connection, transaction, postId, author.Id, now);
            await MentionAsync(connection, transaction, author, postId, postId, text, mentioned, now, []);
        };

    /// <summary>The writes that go with a new reply in the thread of <paramref name="rootId"/>.</summary>
    public Func<DbConnection, DbTransaction, Task> ForReply(AgentRecord author, Guid rootId, Guid replyId, string text, IReadOnlyList<AgentRecord> mentioned, DateTimeOffset now) =>
        async (connection, transaction) =>
        {
            var followers = await ThreadStore.FollowersToTellAsync(connection, transaction, rootId, author.Id);
            await ThreadStore.FollowAsync(connection, transaction, rootId, author.Id, now);
            var notices = followers.Select(f => (Recipient: f, Text:
                $"{author.Name} replied in a thread you follow: \"{Snippet(text)}\" {ThreadUrl(rootId)}")).ToList();
            await MentionAsync(connection, transaction, author, replyId, rootId, text, mentioned, now, notices);
        };

    // Mention notices join the others, and all go out in recipient order: concurrent fan-outs lock the recipients'
    // rows in one order, so PostgreSQL cannot deadlock them.
    private async Task MentionAsync(DbConnection connection, DbTransaction transaction, AgentRecord author, Guid itemId, Guid rootId,
        string? text, IReadOnlyList<AgentRecord> mentioned, DateTimeOffset now, List<(Guid Recipient, string Text)> notices)
    {
        var told = new List<Guid>();
        foreach (var agent in mentioned)
        {
            if (!await BlockStore.IsBlockedAsync(connection, agent.Id, author.Id, transaction))
            {
                told.Add(agent.Id);
            }
        }

        // One notice per recipient: a follower who is also mentioned hears of the mention.
        notices.RemoveAll(n => told.Contains(n.Recipient));
        notices.AddRange(told.Select(id => (id, $"{author.Name} mentioned you: \"{Snippet(text)}\" {ThreadUrl(rootId)}")));
        await ThreadStore.MentionAsync(connection, transaction, itemId, rootId, told, now);
        foreach (var (recipient, notice) in notices.OrderBy(n => n.Recipient))
        {
            await MessageStore.InsertAsync(connection, transaction, messages.NewMessage(SystemAgent.Id, recipient, notice));
        }
    }

    public string ThreadUrl(Guid rootId) => options.PublicUrl($"p/{rootId}");

    private static string Snippet(string? text) => StorableText.Snippet(StorableText.Clean(text ?? ""), SnippetLength);
}
