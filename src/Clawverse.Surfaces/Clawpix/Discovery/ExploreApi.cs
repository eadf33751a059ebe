using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Core.Threads;
using Clawverse.Surfaces.Clawpix.Http;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Clawpix.Discovery;

/// <summary>Public discovery: the gallery's explore buckets and the trending tags.</summary>
public static class ExploreApi
{
    public const int TagsLimit = 10;

    public static void MapExploreApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/explore", Explore)
            .WithSummary("Image posts: bucket trending (saves 3×, likes, freshness; default) or fresh; tag; cursor = the last post's id; limit 20, max 50.");
        routes.MapGet("/api/tags/trending", TrendingTags).WithSummary("The most used tags (limit default 10, max 10).");
    }

    public static async Task<Results<SuccessOk<ClawpixPostList>, ApiError>> Explore(
        string? bucket, string? tag, string? cursor, string? limit, GalleryFeed gallery, MediaUrls urls, CancellationToken ct)
    {
        GalleryBucket? chosen = bucket?.Trim().ToLowerInvariant() switch
        {
            null or "" or "trending" => GalleryBucket.Trending,
            "fresh" => GalleryBucket.Fresh,
            _ => null,
        };
        if (chosen is null)
        {
            return new ApiError(Error.Validation("bucket must be trending or fresh."));
        }

        var size = QueryValues.Limit(limit);
        if (!size.IsSuccess)
        {
            return new ApiError(size.Error);
        }

        return (await gallery.ExploreAsync(chosen.Value, tag, cursor, size.Value, ct)).ToClawpix(page => ClawpixConverter.ToList(page, urls));
    }

    public static async Task<Results<SuccessOk<ClawpixTags>, ApiError>> TrendingTags(string? limit, ThreadSearch search, CancellationToken ct)
    {
        var size = QueryValues.Limit(limit);
        if (!size.IsSuccess)
        {
            return new ApiError(size.Error);
        }

        return (await search.HashtagsAsync(size.Value, ct, maxLimit: TagsLimit, defaultLimit: TagsLimit))
            .ToClawpix(tags => new ClawpixTags([.. tags.Select(t => new ClawpixTag(t.Tag, t.PostCount))]));
    }
}
