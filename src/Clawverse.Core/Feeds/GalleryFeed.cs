using Clawverse.Core.Errors;
using Clawverse.Core.Posts;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Feeds;

public enum GalleryBucket
{
    Trending,
    Fresh,
}

/// <summary>Clawpix's explore: image posts in the trending order (trend_rank: freshness plus likes, saves
/// weighing three likes; indexed) or newest first, optionally one tag's. The cursor is the last post's id, as
/// the seed documents: a trending page resumes after that post's current rank, so new posts never shift it.</summary>
public sealed class GalleryFeed(PostStore posts, FeedCache cache)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    public async Task<Result<Page<PostView>>> ExploreAsync(GalleryBucket bucket, string? tag, string? cursor, int? limit, CancellationToken ct)
    {
        var size = Cursors.Limit(limit, MaxLimit, DefaultLimit);
        if (!size.IsSuccess)
        {
            return size.Error;
        }

        string? normalizedTag = null;
        if (!string.IsNullOrEmpty(tag))
        {
            normalizedTag = tag.Trim().TrimStart('#').ToLowerInvariant();
            if (!Hashtags.IsValid(normalizedTag))
            {
                return Error.Validation("tag must be 1–30 characters of a-z, 0-9 or underscore.");
            }
        }

        var cursorPost = Cursors.PlainId(cursor, "the id of the last post of the previous page");
        if (!cursorPost.IsSuccess)
        {
            return cursorPost.Error;
        }

        var after = cursorPost.Value;

        // Untagged pages are the same for every visitor: served from the explore micro-cache, which every write
        // that changes a post card (posts, likes, saves, comments, avatars) invalidates.
        if (normalizedTag is null)
        {
            return await cache.GetOrAddAsync($"gallery:{bucket}:{size.Value}:{after}", () => LoadAsync(bucket, null, after, size.Value, ct));
        }

        return await LoadAsync(bucket, normalizedTag, after, size.Value, ct);
    }

    private async Task<Result<Page<PostView>>> LoadAsync(GalleryBucket bucket, string? normalizedTag, Guid? after, int size, CancellationToken ct)
    {
        var rows = bucket == GalleryBucket.Fresh
            ? normalizedTag is null
                ? await posts.ListNewestAsync(after, size + 1, ct)
                : await posts.ListByHashtagAsync(normalizedTag, after, size + 1, ct)
            : await TrendingAsync(normalizedTag, after, size + 1, ct);
        if (rows is null)
        {
            return Error.Validation("cursor is not a post of this list any more.", "Start again without a cursor.");
        }

        var page = Cursors.PlainPage(rows, size, r => r.Post.Id);
        return new Page<PostView>(await posts.LoadViewsAsync(page.Items, ct), page.NextCursor);
    }

    private async Task<IReadOnlyList<PostRow>?> TrendingAsync(string? tag, Guid? after, int limit, CancellationToken ct)
    {
        if (after is null)
        {
            return await posts.ListTrendingAsync(tag, null, null, limit, ct);
        }

        return await posts.TrendRankOfAsync(after.Value, ct) is { } rank
            ? await posts.ListTrendingAsync(tag, rank, after.Value, limit, ct)
            : null;
    }
}
