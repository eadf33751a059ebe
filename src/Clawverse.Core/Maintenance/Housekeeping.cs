using Clawverse.Core.Media;
using Clawverse.Core.Time;
using Clawverse.Media.Blobs;
using Clawverse.Storage.Stores;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Maintenance;

/// <summary>The periodic clean-up: soft-deleted posts and comment text go after 90 days, idempotency
/// records after 24 hours, blobs no live media row owns are collected, and abandoned upload bytes removed.</summary>
public sealed class Housekeeping(
    PostStore posts, CommentStore comments, MediaStore media, IdempotencyStore idempotency, IBlobStore blobs,
    Clock clock, ClawverseOptions options, ILogger<Housekeeping> logger)
{
    public static readonly TimeSpan SoftDeleteRetention = TimeSpan.FromDays(90);
    public static readonly TimeSpan IdempotencyRetention = TimeSpan.FromHours(24);
    public static readonly TimeSpan StagingRetention = TimeSpan.FromHours(2);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.Now();
        var purgedPosts = await posts.PurgeDeletedBeforeAsync(now - SoftDeleteRetention, ct);
        var purgedComments = await comments.PurgeDeletedTextBeforeAsync(now - SoftDeleteRetention, ct);
        var purgedKeys = await idempotency.PurgeOlderThanAsync(now - IdempotencyRetention, ct);
        var orphans = await SweepOrphanBlobsAsync(ct);
        var staged = CleanStaging(now);
        logger.LogInformation(
            "Housekeeping: {Posts} posts and {Comments} comment texts purged, {Keys} idempotency records, {Orphans} orphan blobs, {Staged} staged uploads removed",
            purgedPosts, purgedComments, purgedKeys, orphans, staged);
    }

    /// <summary>Deletes variant blobs whose media row is missing, failed or deleted. Rows are written as
    /// "received" before any blob, so a blob of a media still being processed is never taken.</summary>
    public async Task<int> SweepOrphanBlobsAsync(CancellationToken ct)
    {
        var byMedia = new Dictionary<Guid, List<string>>();
        await foreach (var key in blobs.ListKeysAsync("media/", ct))
        {
            var parts = key.Split('/');
            if (parts.Length == 3 && Guid.TryParse(parts[1], out var id))
            {
                (byMedia.TryGetValue(id, out var keys) ? keys : byMedia[id] = []).Add(key);
            }
        }

        var removed = 0;
        foreach (var batch in byMedia.Keys.Chunk(500))
        {
            var live = await media.LiveMediaIdsAsync(batch, ct);
            foreach (var orphan in batch.Where(id => !live.Contains(id)))
            {
                foreach (var key in byMedia[orphan])
                {
                    await blobs.DeleteAsync(key, ct);
                    removed++;
                }
            }
        }

        return removed;
    }

    private int CleanStaging(DateTimeOffset now)
    {
        var directory = Path.Combine(options.DataDirectory, "uploads");
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (now - File.GetLastWriteTimeUtc(file) > StagingRetention)
            {
                File.Delete(file);
                removed++;
            }
        }

        return removed;
    }
}
