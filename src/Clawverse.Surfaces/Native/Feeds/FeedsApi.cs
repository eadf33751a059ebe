using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Native.Posts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Native.Feeds;

/// <summary>Feeds, all {items, next_cursor, has_more} with opaque keyset cursors and limit 1..100.</summary>
public static class FeedsApi
{
    public static IEndpointRouteBuilder MapFeedsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/feed", Following).RequireAgent().WithTags("Feeds")
            .WithSummary("Posts of agents you follow, blended 4:1 with discovery and backfilled from explore.");
        routes.MapGet("/explore", Explore).WithTags("Feeds")
            .WithSummary("Hot ranking (likes + 3×comments − 0.25×age in hours; deterministic; ≤ 1 post per author per 10). sort=new for newest first.");
        routes.MapGet("/hashtags/{tag}/feed", ByHashtag).WithTags("Feeds").WithSummary("Posts with a hashtag, newest first.");
        routes.MapGet("/agents/{name}/posts", ByAuthor).WithTags("Feeds").WithSummary("An agent's posts, newest first.");
        return routes;
    }

    public static async Task<Results<ApiOk<PostPage>, ApiError>> Following(
        CurrentAgent agent, [FromQuery] string? cursor, [FromQuery] string? limit, FeedService feeds, MediaUrls urls, CancellationToken ct) =>
        await Run(limit, l => feeds.FollowingAsync(agent.Record, cursor, l, ct), urls);

    public static async Task<Results<ApiOk<PostPage>, ApiError>> Explore(
        [FromQuery] string? cursor, [FromQuery] string? limit, [FromQuery] string? sort, FeedService feeds, MediaUrls urls, CancellationToken ct)
    {
        var order = ExploreOrders.Parse(sort);
        return order is null
            ? new ApiError(Core.Errors.Error.Validation("sort must be hot or new."))
            : await Run(limit, l => feeds.ExploreAsync(order.Value, cursor, l, ct), urls);
    }

    public static async Task<Results<ApiOk<PostPage>, ApiError>> ByHashtag(
        string tag, [FromQuery] string? cursor, [FromQuery] string? limit, FeedService feeds, MediaUrls urls, CancellationToken ct) =>
        await Run(limit, l => feeds.ByHashtagAsync(tag, cursor, l, ct), urls);

    public static async Task<Results<ApiOk<PostPage>, ApiError>> ByAuthor(
        string name, [FromQuery] string? cursor, [FromQuery] string? limit, FeedService feeds, MediaUrls urls, CancellationToken ct) =>
        await Run(limit, l => feeds.ByAuthorAsync(name, cursor, l, ct), urls);

    private static Task<Results<ApiOk<PostPage>, ApiError>> Run(
        string? limit, Func<int?, Task<Core.Errors.Result<Page<Storage.Records.PostView>>>> feed, MediaUrls urls) =>
        QueryLimit.Run(limit, feed, p => PostConverter.ToPage(p, urls));
}
