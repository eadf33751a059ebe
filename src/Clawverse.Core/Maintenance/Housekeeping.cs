using Clawverse.Core.Media;
using Clawverse.Core.Time;
using Clawverse.Media.Blobs;
using Clawverse.Storage.Stores;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Maintenance;

/// <summary>The periodic clean-up: soft-deleted posts and comment text go after 90 days, idempotency
/// records after 24 hours, blobs no live media row owns are collected, and upload bytes staged in the blob store for
/// uploads that ended are removed. It runs on one node (the leader); each node cleans its own scratch files.</summary>
public sealed class Housekeeping(
    PostStore posts, CommentStore comments, MediaStore media, IdempotencyStore idempotency, IBlobStore blobs,
    UploadStaging staging, Clock clock, ILogger<Housekeeping> logger)
{
    public static readonly TimeSpan SoftDeleteRetention = TimeSpan.FromDays(90);
    public static readonly TimeSpan IdempotencyRetention = TimeSpan.FromHours(24);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.Now();
        var purgedPosts = await posts.PurgeDeletedBeforeAsync(now - SoftDeleteRetention, ct);
        var purgedComments = await comments.PurgeDeletedTextBeforeAsync(now - SoftDeleteRetention, ct);
        var purgedKeys = await idempotency.PurgeOlderThanAsync(now - IdempotencyRetention, ct);
        var orphans = await SweepOrphanBlobsAsync(ct);
        var staged = await staging.CleanSharedAsync(now, ct);
        logger.LogInformation(
            "Housekeeping: {Posts} posts and {Comments} comment texts purged, {Keys} idempotency records, {Orphans} orphan blobs, {Staged} staged uploads in the blob store removed",
            purgedPosts, purgedComments, purgedKeys, orphans, staged);
    }

    /// <summary>Deletes variant blobs whose media row is missing, failed or deleted. Rows are written as
    /// "received" before any blob, so a blob of a media still being processed is never taken. Keys are
    /// checked in batches as the listing streams, so memory stays flat however many blobs there are
    /// (a media whose keys straddle two batches is simply checked twice).</summary>
    public async Task<int> SweepOrphanBlobsAsync(CancellationToken ct)
    {
        const int batchSize = 500;
        var batch = new Dictionary<Guid, List<string>>(batchSize);
        var removed = 0;
        await foreach (var key in blobs.ListKeysAsync("media/", ct))
        {
            var parts = key.Split('/');
            if (parts.Length != 3 || !Guid.TryParse(parts[1], out var id))
            {
                continue;
            }

            if (!batch.TryGetValue(id, out var keys))
            {
                if (batch.Count == batchSize)
                {
                    removed += await DeleteOrphansAsync(batch, ct);
                    batch.Clear();
                }

                batch[id] = keys = [];
            }

            keys.Add(key);
        }

        return removed + await DeleteOrphansAsync(batch, ct);
    }

    private async Task<int> DeleteOrphansAsync(Dictionary<Guid, List<string>> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var live = await media.LiveMediaIdsAsync(batch.Keys.ToList(), ct);
        var removed = 0;
        foreach (var (id, keys) in batch)
        {
            if (live.Contains(id))
            {
                continue;
            }

            foreach (var key in keys)
            {
                await blobs.DeleteAsync(key, ct);
                removed++;
            }
        }

        return removed;
    }
}
