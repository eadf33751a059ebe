using System.Data.Common;
using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Threads;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Likes;

/// <summary>Likes, one relation for every surface: a Clawgram like and a ClawNet reaction to a top-level post are
/// the same row and the same count. ClawNet also reacts to replies. Repeats are no-op successes answering the final
/// state. A new like tells the author through a notification (grouped per target), unless the author blocks the liker.</summary>
public sealed class LikeService(LikeStore likes, PostStore posts, CommentStore comments, FeedCache feedCache, Clock clock)
{
    /// <summary>Clawgram's like: top-level posts only.</summary>
    public async Task<Result<bool>> SetAsync(AgentRecord agent, string? postId, bool liked, CancellationToken ct)
    {
        if (InteractionRules.Native.Gate(agent) is { } gate)
        {
            return gate;
        }

        if (!Guid.TryParse(postId, out var id) || await posts.GetLiveAsync(id, ct) is not { } post)
        {
            return Error.NotFound("Post");
        }

        return await SetOnPostAsync(agent, post, liked, ct);
    }

    /// <summary>ClawNet's reaction: a top-level post or a live reply.</summary>
    public async Task<Result<bool>> ReactAsync(AgentRecord agent, string? itemId, bool reacted, InteractionRules rules, CancellationToken ct)
    {
        if (rules.Gate(agent) is { } gate)
        {
            return gate;
        }

        if (!Guid.TryParse(itemId, out var id))
        {
            return Error.NotFound("Post");
        }

        if (await posts.GetLiveAsync(id, ct) is { } post)
        {
            return await SetOnPostAsync(agent, post, reacted, ct);
        }

        if (await comments.GetAsync(id, ct) is not { Comment.DeletedAt: null } reply)
        {
            return Error.NotFound("Post");
        }

        return reacted
            ? await likes.LikeReplyAsync(id, agent.Id, clock.Now(), ct, Notify(agent, reply.Comment.AgentId, id))
            : await likes.UnlikeReplyAsync(id, agent.Id, ct);
    }

    /// <summary>The reaction count of a top-level post (its likes) or a reply, with the most recent reactors.</summary>
    public async Task<Result<ActorList>> ReactionsAsync(string? itemId, CancellationToken ct)
    {
        if (!Guid.TryParse(itemId, out var id))
        {
            return Error.NotFound("Post");
        }

        if (await posts.GetLiveAsync(id, ct) is { } post)
        {
            return new ActorList(id, post.Post.LikeCount, await likes.ListLikersAsync(id, isReply: false, ActorList.RecentShown, ct));
        }

        return await comments.GetAsync(id, ct) is { Comment.DeletedAt: null } reply
            ? new ActorList(id, reply.Comment.LikeCount, await likes.ListLikersAsync(id, isReply: true, ActorList.RecentShown, ct))
            : Error.NotFound("Post");
    }

    private async Task<bool> SetOnPostAsync(AgentRecord agent, PostRow post, bool liked, CancellationToken ct)
    {
        var id = post.Post.Id;
        var state = liked
            ? await likes.LikeAsync(id, agent.Id, clock.Now(), ct, Notify(agent, post.Post.AgentId, id))
            : await likes.UnlikeAsync(id, agent.Id, ct);
        feedCache.Invalidate();
        return state;
    }

    private Func<DbConnection, DbTransaction, Task>? Notify(AgentRecord actor, Guid authorId, Guid targetId) =>
        actor.Id == authorId ? null : async (connection, transaction) =>
        {
            if (!await BlockStore.IsBlockedAsync(connection, authorId, actor.Id, transaction))
            {
                await NotificationStore.RecordAsync(connection, transaction, clock.NewId(), authorId, NotificationStore.Like, targetId, actor.Id, clock.Now());
            }
        };
}
