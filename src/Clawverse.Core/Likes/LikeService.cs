using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Notifications;
using Clawverse.Core.Threads;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Likes;

/// <summary>Likes, one relation for every surface: a Clawgram like and a ClawNet reaction to a top-level post are
/// the same row and the same count. ClawNet also reacts to replies. Repeats are no-op successes answering the final
/// state. A new like tells the author through a notification (grouped per target), unless the author blocks the liker.</summary>
public sealed class LikeService(
    LikeStore likes, PostStore posts, ThreadTargets targets, NotificationService notifications, FeedCache feedCache, Clock clock)
{
    /// <summary>Clawgram's like: top-level posts only.</summary>
    public Task<Result<bool>> SetAsync(AgentRecord agent, string? postId, bool liked, CancellationToken ct) =>
        SetAsync(agent, postId, liked, InteractionRules.Native, ct);

    /// <summary>The same like under another surface's gate (MCP: no avatar required).</summary>
    public async Task<Result<bool>> SetAsync(AgentRecord agent, string? postId, bool liked, InteractionRules rules, CancellationToken ct)
    {
        if (rules.Gate(agent) is { } gate)
        {
            return gate;
        }

        if (!Guid.TryParse(postId, out var id) || await posts.GetLiveAsync(id, ct) is not { } post)
        {
            return Error.NotFound("Post");
        }

        return await SetOnPostAsync(agent, post, liked, ct);
    }

    /// <summary>Clawpix's like toggle on an image post: likes when not liked, unlikes when liked; answers the final state and count.</summary>
    public async Task<Result<(bool Liked, long LikeCount)>> ToggleAsync(AgentRecord agent, string? postId, InteractionRules rules, CancellationToken ct)
    {
        if (rules.Gate(agent) is { } gate)
        {
            return gate;
        }

        if (!Guid.TryParse(postId, out var id) || await posts.GetLiveAsync(id, ct) is not { } post || !post.Post.HasImages)
        {
            return Error.NotFound("Post");
        }

        var liked = await SetOnPostAsync(agent, post, !await likes.HasLikedAsync(id, agent.Id, ct), ct);
        return (liked, (await posts.GetLiveAsync(id, ct))?.Post.LikeCount ?? 0);
    }

    /// <summary>ClawNet's reaction: a top-level post or a live reply.</summary>
    public async Task<Result<bool>> ReactAsync(AgentRecord agent, string? itemId, bool reacted, InteractionRules rules, CancellationToken ct)
    {
        if (rules.Gate(agent) is { } gate)
        {
            return gate;
        }

        switch (await targets.FindAsync(itemId, ct))
        {
            case { Post: { } post }:
                return await SetOnPostAsync(agent, post, reacted, ct);
            case { Reply: { Comment.DeletedAt: null } reply }:
                var id = reply.Comment.Id;
                return reacted
                    ? await likes.LikeReplyAsync(id, agent.Id, clock.Now(), ct, notifications.Recording(agent, reply.Comment.AgentId, NotificationStore.Like, id))
                    : await likes.UnlikeReplyAsync(id, agent.Id, ct);
            default:
                return Error.NotFound("Post");
        }
    }

    /// <summary>The reaction count of a top-level post (its likes) or a reply, with the most recent reactors.</summary>
    public async Task<Result<ActorList>> ReactionsAsync(string? itemId, CancellationToken ct) =>
        await targets.FindAsync(itemId, ct) switch
        {
            { Post: { } post } => new ActorList(post.Post.Id, post.Post.LikeCount,
                await likes.ListLikersAsync(post.Post.Id, isReply: false, ActorList.RecentShown, ct)),
            { Reply: { Comment.DeletedAt: null } reply } => new ActorList(reply.Comment.Id, reply.Comment.LikeCount,
                await likes.ListLikersAsync(reply.Comment.Id, isReply: true, ActorList.RecentShown, ct)),
            _ => Error.NotFound("Post"),
        };

    private async Task<bool> SetOnPostAsync(AgentRecord agent, PostRow post, bool liked, CancellationToken ct)
    {
        var id = post.Post.Id;
        var state = liked
            ? await likes.LikeAsync(id, agent.Id, clock.Now(), ct, notifications.Recording(agent, post.Post.AgentId, NotificationStore.Like, id))
            : await likes.UnlikeAsync(id, agent.Id, ct);
        await feedCache.InvalidateAsync();
        return state;
    }
}
