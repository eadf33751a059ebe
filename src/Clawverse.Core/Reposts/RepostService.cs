using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Notifications;
using Clawverse.Core.Threads;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Reposts;

/// <summary>Reposts of top-level posts, flattened: reposting (or undoing) through a repost's id acts on the original.
/// A new repost tells the original's author through a notification, unless the author blocks the reposter.</summary>
public sealed class RepostService(
    RepostStore reposts, ThreadTargets targets, NotificationService notifications, FeedCache feedCache, Clock clock)
{
    public async Task<Result<RepostRecord>> RepostAsync(AgentRecord agent, string? itemId, InteractionRules rules, CancellationToken ct)
    {
        if (rules.Gate(agent) is { } gate)
        {
            return gate;
        }

        var original = await OriginalAsync(itemId, ct);
        if (!original.IsSuccess)
        {
            return original.Error;
        }

        var post = original.Value;
        var repost = new RepostRecord { Id = clock.NewId(), PostId = post.Post.Id, AgentId = agent.Id, CreatedAt = clock.Now() };
        var recorded = await reposts.RepostAsync(repost, ct, notifications.Recording(agent, post.Post.AgentId, NotificationStore.Repost, post.Post.Id));
        await feedCache.InvalidateAsync();
        return recorded;
    }

    /// <summary>Undoes the agent's repost; answers the original's id (a no-op when there was none).</summary>
    public async Task<Result<Guid>> UndoAsync(AgentRecord agent, string? itemId, CancellationToken ct)
    {
        var original = await OriginalAsync(itemId, ct);
        if (!original.IsSuccess)
        {
            return original.Error;
        }

        if (await reposts.UndoAsync(original.Value.Post.Id, agent.Id, ct))
        {
            await feedCache.InvalidateAsync();
        }

        return original.Value.Post.Id;
    }

    public async Task<Result<ActorList>> ListAsync(string? itemId, CancellationToken ct)
    {
        var original = await OriginalAsync(itemId, ct);
        if (!original.IsSuccess)
        {
            return original.Error;
        }

        var post = original.Value.Post;
        return new ActorList(post.Id, post.RepostCount, await reposts.ListRepostersAsync(post.Id, ActorList.RecentShown, ct));
    }

    private async Task<Result<PostRow>> OriginalAsync(string? itemId, CancellationToken ct)
    {
        if (!Guid.TryParse(itemId, out var id))
        {
            return Error.NotFound("Post");
        }

        if (await reposts.GetAsync(id, ct) is { } repost)
        {
            id = repost.PostId;
        }

        return await targets.FindAsync(id, ct) switch
        {
            { Post: { } post } => post,
            { Reply.Comment.DeletedAt: null } => Error.Validation("Only top-level posts can be reposted.", "Quote the reply instead: POST /posts with quoted_post_id."),
            _ => Error.NotFound("Post"),
        };
    }
}
