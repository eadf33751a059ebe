using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Feeds;

/// <summary>Position in the hot order plus the posts passed over for author diversity, which come first
/// on the next page, so diversity reorders but never loses a post.</summary>
public sealed record HotCursor(long? R, Guid? I, List<Guid>? P);

/// <summary>Assembles pages of the hot order (hot_rank desc, id desc: deterministic) with an author
/// diversity cap: at most one post per author per ten on a page. Posts over the cap are deferred to later
/// pages; when a page cannot be filled otherwise, the cap relaxes.</summary>
public sealed class HotPager(PostStore posts)
{
    private const int MaxPending = 60;

    public async Task<(IReadOnlyList<PostRow> Items, HotCursor? Next)> PageAsync(
        HotCursor? cursor, int limit, Guid? excludeFollowedBy, CancellationToken ct)
    {
        var capPerAuthor = Math.Max(1, limit / 10);
        var pendingRows = (await posts.ListLiveByIdsAsync(cursor?.P ?? [], ct))
            .OrderByDescending(r => r.Post.HotRank).ThenByDescending(r => r.Post.Id, GuidOrder.Instance).ToList();
        var window = limit * 3;
        var batch = await posts.ListHotAsync(cursor?.R, cursor?.I, excludeFollowedBy, window + 1, ct);
        var storeHasMore = batch.Count > window;

        var page = new List<PostRow>();
        var deferred = new List<PostRow>();
        var perAuthor = new Dictionary<Guid, int>();
        var (lastRank, lastId) = (cursor?.R, cursor?.I);
        var unscannedPending = new List<Guid>();
        var stoppedEarly = false;

        foreach (var (row, fromStore) in pendingRows.Select(r => (r, false)).Concat(batch.Take(window).Select(r => (r, true))))
        {
            if (page.Count == limit || (fromStore && deferred.Count >= MaxPending))
            {
                if (!fromStore)
                {
                    unscannedPending.Add(row.Post.Id);
                    continue;
                }

                stoppedEarly = true;
                break;
            }

            if (perAuthor.GetValueOrDefault(row.Post.AgentId) < capPerAuthor)
            {
                page.Add(row);
                perAuthor[row.Post.AgentId] = perAuthor.GetValueOrDefault(row.Post.AgentId) + 1;
            }
            else
            {
                deferred.Add(row);
            }

            if (fromStore)
            {
                (lastRank, lastId) = (row.Post.HotRank, row.Post.Id);
            }
        }

        // Relax the cap rather than return a short page while deferred posts wait.
        while (page.Count < limit && deferred.Count > 0)
        {
            page.Add(deferred[0]);
            deferred.RemoveAt(0);
        }

        var pending = unscannedPending.Concat(deferred.Select(d => d.Post.Id)).ToList();
        var more = storeHasMore || stoppedEarly || pending.Count > 0;
        return (Order(page), more ? new HotCursor(lastRank, lastId, pending.Count > 0 ? pending : null) : null);
    }

    private static List<PostRow> Order(List<PostRow> page) =>
        page.OrderByDescending(r => r.Post.HotRank).ThenByDescending(r => r.Post.Id, GuidOrder.Instance).ToList();
}
