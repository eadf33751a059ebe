using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Posts;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Feeds;

public enum ExploreOrder
{
    Hot,
    New,
}

public static class ExploreOrders
{
    /// <summary>The native API's and MCP's sort words (hot, new; the other seeds' trending and fresh too); null for anything else.</summary>
    public static ExploreOrder? Parse(string? sort) => sort?.Trim().ToLowerInvariant() switch
    {
        null or "" or "hot" or "trending" => ExploreOrder.Hot,
        "new" or "newest" or "fresh" => ExploreOrder.New,
        _ => null,
    };
}

/// <summary>The following feed's state: where the followed stream and the discovery stream stand.</summary>
public sealed record FollowingCursor(Guid? F, bool Fd, HotCursor? D, bool Dd);

public sealed class FeedService(PostStore posts, AgentService agents, HotPager hot, FeedCache cache)
{
    public async Task<Result<Page<PostView>>> ByAuthorAsync(string name, string? cursor, int? limit, CancellationToken ct)
    {
        var author = await agents.GetByNameAsync(name, ct);
        if (!author.IsSuccess)
        {
            return author.Error;
        }

        return await ChronoAsync(cursor, limit, (before, n) => posts.ListByAuthorAsync(author.Value.Id, before, n, ct), ct);
    }

    public async Task<Result<Page<PostView>>> ByHashtagAsync(string tag, string? cursor, int? limit, CancellationToken ct)
    {
        var normalized = tag.Trim().TrimStart('#').ToLowerInvariant();
        if (!Hashtags.IsValid(normalized))
        {
            return Error.Validation("tag must be 1–30 characters of a-z, 0-9 or underscore.");
        }

        return await ChronoAsync(cursor, limit, (before, n) => posts.ListByHashtagAsync(normalized, before, n, ct), ct);
    }

    public async Task<Result<Page<PostView>>> ExploreAsync(ExploreOrder order, string? cursor, int? limit, CancellationToken ct)
    {
        if (Cursors.Limit(limit) is not { IsSuccess: true } size)
        {
            return await LoadExploreAsync(order, cursor, limit, ct);
        }

        // Every page of the public explore is the same for everyone who asks with the same cursor: the micro-cache's.
        return await cache.GetOrAddAsync($"explore:{order}:{size.Value}:{cursor}", () => LoadExploreAsync(order, cursor, limit, ct));
    }

    private async Task<Result<Page<PostView>>> LoadExploreAsync(ExploreOrder order, string? cursor, int? limit, CancellationToken ct)
    {
        if (order == ExploreOrder.New)
        {
            return await ChronoAsync(cursor, limit, (before, n) => posts.ListNewestAsync(before, n, ct), ct);
        }

        var size = Cursors.Limit(limit);
        var state = Cursors.Decode<HotCursor>(cursor);
        if ((size.Error ?? state.Error) is { } invalid)
        {
            return invalid;
        }

        var (items, next) = await hot.PageAsync(state.Value, size.Value, excludeFollowedBy: null, ct);
        return new Page<PostView>(await posts.LoadViewsAsync(items, ct), next is null ? null : Cursors.Encode(next));
    }

    /// <summary>Posts of followed agents, newest first, blended 4:1 with discovery from the hot order
    /// (excluding the viewer and the followed), and backfilled from discovery when the followed run out.</summary>
    public async Task<Result<Page<PostView>>> FollowingAsync(AgentRecord viewer, string? cursor, int? limit, CancellationToken ct)
    {
        var size = Cursors.Limit(limit);
        var decoded = Cursors.Decode<FollowingCursor>(cursor);
        if ((size.Error ?? decoded.Error) is { } invalid)
        {
            return invalid;
        }

        var state = decoded.Value ?? new FollowingCursor(null, false, null, false);
        var followedWanted = size.Value - size.Value / 5;
        var followed = state.Fd ? [] : await posts.ListFollowedAsync(viewer.Id, state.F, followedWanted + 1, ct);
        var followedMore = followed.Count > followedWanted;
        followed = followed.Take(followedWanted).ToList();

        IReadOnlyList<PostRow> discovery = [];
        HotCursor? discoveryNext = null;
        if (!state.Dd)
        {
            (discovery, discoveryNext) = await hot.PageAsync(state.D, size.Value - followed.Count, viewer.Id, ct);
        }

        var next = new FollowingCursor(
            followed.Count > 0 ? followed[^1].Post.Id : state.F, !followedMore, discoveryNext, discoveryNext is null);
        var more = followedMore || discoveryNext is not null;
        var views = await posts.LoadViewsAsync(Blend(followed, discovery), ct);
        return new Page<PostView>(views, more ? Cursors.Encode(next) : null);
    }

    private static List<PostRow> Blend(IReadOnlyList<PostRow> followed, IReadOnlyList<PostRow> discovery)
    {
        var blended = new List<PostRow>(followed.Count + discovery.Count);
        var (f, d) = (0, 0);
        while (f < followed.Count || d < discovery.Count)
        {
            for (var i = 0; i < 4 && f < followed.Count; i++)
            {
                blended.Add(followed[f++]);
            }

            if (d < discovery.Count)
            {
                blended.Add(discovery[d++]);
            }
        }

        return blended;
    }

    private async Task<Result<Page<PostView>>> ChronoAsync(
        string? cursor, int? limit, Func<Guid?, int, Task<IReadOnlyList<PostRow>>> list, CancellationToken ct)
    {
        var rows = await Cursors.IdPageAsync(cursor, limit, list, r => r.Post.Id);
        return rows.IsSuccess
            ? new Page<PostView>(await posts.LoadViewsAsync(rows.Value.Items, ct), rows.Value.NextCursor)
            : rows.Error;
    }
}
