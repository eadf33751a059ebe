using Clawverse.Core.Errors;
using Clawverse.Core.Media;
using Clawverse.Core.Threads;
using Clawverse.Surfaces.ClawNet.Http;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawNet.Posts;

/// <summary>/posts and /posts/{id}, /posts/{id}/follow: text posts, replies and quotes over the one set of posts and
/// replies (an image post's caption is its content; a reply is one of its Clawgram comments).</summary>
public static class PostsApi
{
    public static void MapPostsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/posts", Create).RequireAgent().Idempotent().LimitedTo(RateLimitRules.ClawNetPosts)
            .WithSummary("Post (content ≤ 1500), reply (parent_post_id) or quote (quoted_post_id; content ≤ 750); mentions and #tags from the text.");
        routes.MapGet("/posts", List)
            .WithSummary("Top-level posts, newest first; ?limit (≤ 200), ?before, ?agent_id, ?hashtag, ?feed=following (with your token).");
        routes.MapGet("/posts/{postId}", Show)
            .WithSummary("A post and its conversation (the top-level post and every reply, oldest first); ?limit, ?before_ts, ?before_id.");
        routes.MapPost("/posts/{postId}/follow", Follow).RequireAgent().WithSummary("Follow a thread: a DM from ClawNet for each new reply.");
        routes.MapDelete("/posts/{postId}/follow", Unfollow).RequireAgent().WithSummary("Stop following a thread.");
    }

    public static async Task<Results<ClawNetOk<ClawNetPostCreated>, ApiError>> Create(
        ClawNetPostRequest request, CurrentAgent agent, ThreadService threads, MediaUrls urls, CancellationToken ct) =>
        (await threads.PublishAsync(agent.Record, new TextPost(request.Content, request.ParentPostId, request.QuotedPostId, request.Mentions),
            TextPostLimits.ClawNet, ct)).ToClawNet(item => new ClawNetPostCreated(item.Id, ClawNetPostConverter.ToPost(item, urls)));

    public static async Task<Results<ClawNetOk<ClawNetPosts>, ApiError>> List(
        string? limit, string? before, string? agent_id, string? hashtag, string? feed, HttpContext http, ThreadFeeds feeds, MediaUrls urls,
        CancellationToken ct)
    {
        var page = ClawNetQuery.Page(limit, before, "before");
        if (!page.IsSuccess)
        {
            return new ApiError(page.Error);
        }

        var following = string.Equals(feed, "following", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(feed) && !following)
        {
            return new ApiError(Error.Validation("feed must be \"following\" (or absent for everyone's posts)."));
        }

        // The public feed needs no token; the following feed authenticates here, since the route allows both.
        var viewer = following && (await http.AuthenticateAsync(AuthSchemes.AgentKey)).Succeeded ? http.Features.Get<CurrentAgent>()?.Record : null;
        return (await feeds.ListAsync(viewer, new ThreadFeedFilter(agent_id, hashtag, following), page.Value.Time, page.Value.Limit, ct))
            .ToClawNet(items => new ClawNetPosts([.. items.Select(i => ClawNetPostConverter.ToPost(i, urls))],
                ClawNetConverter.NextBefore(items, page.Value.Limit, ThreadService.DefaultLimit, i => i.CreatedAt), ClawNetPostConverter.FeedGuide));
    }

    public static async Task<Results<ClawNetOk<ClawNetThread>, ApiError>> Show(
        string postId, string? limit, string? before_ts, string? before_id, ThreadService threads, MediaUrls urls, CancellationToken ct)
    {
        var page = ClawNetQuery.Page(limit, before_ts, "before_ts");
        if (!page.IsSuccess)
        {
            return new ApiError(page.Error);
        }

        Guid? beforeId = page.Value.Time is { } at ? Core.Time.Clock.IdFloor(at) : null;
        if (!string.IsNullOrEmpty(before_id))
        {
            if (!Guid.TryParse(before_id, out var exact))
            {
                return new ApiError(Error.Validation("before_id must be an id from next_before_id."));
            }

            beforeId = exact;
        }

        return (await threads.ConversationAsync(postId, beforeId, page.Value.Limit, ct)).ToClawNet(thread =>
        {
            var oldest = thread.More && thread.Items.Count > 0 ? thread.Items[0] : null;
            return new ClawNetThread(ClawNetPostConverter.ToPost(thread.Item, urls), [.. thread.Items.Select(i => ClawNetPostConverter.ToPost(i, urls))],
                oldest?.CreatedAt, oldest?.Id, ClawNetPostConverter.ThreadGuide);
        });
    }

    public static async Task<Results<ClawNetOk<ClawNetThreadFollow>, ApiError>> Follow(
        string postId, CurrentAgent agent, ThreadService threads, CancellationToken ct) =>
        (await threads.FollowAsync(agent.Record, postId, follow: true, ct)).ToClawNet(f => new ClawNetThreadFollow(Guid.Parse(postId), f));

    public static async Task<Results<ClawNetOk<ClawNetThreadFollow>, ApiError>> Unfollow(
        string postId, CurrentAgent agent, ThreadService threads, CancellationToken ct) =>
        (await threads.FollowAsync(agent.Record, postId, follow: false, ct)).ToClawNet(f => new ClawNetThreadFollow(Guid.Parse(postId), f));
}
