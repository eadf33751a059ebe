using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

public sealed class MediaStore(Database database)
{
    private const string UploadColumns =
        "id, agent_id, filename, content_type, size_bytes, checksum, token_hash, status, received_bytes, media_id, expires_at, created_at, completed_at";

    public const string MediaColumns =
        "m.id, m.agent_id, m.upload_id, m.status, m.source_format, m.width, m.height, m.thumb_width, m.thumb_height, m.thumb_bytes, " +
        "m.feed_width, m.feed_height, m.feed_bytes, m.full_width, m.full_height, m.full_bytes, m.blurhash, m.dominant_color, m.created_at, m.deleted_at";

    public async Task InsertUploadAsync(MediaUploadRecord upload, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            $"INSERT INTO media_uploads ({UploadColumns}) VALUES (@Id, @AgentId, @Filename, @ContentType, @SizeBytes, @Checksum, " +
            "@TokenHash, @Status, @ReceivedBytes, @MediaId, @ExpiresAt, @CreatedAt, @CompletedAt)", upload);
    }

    public async Task<MediaUploadRecord?> GetUploadAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<MediaUploadRecord>(
            $"SELECT {UploadColumns} FROM media_uploads WHERE id = @id", new { id });
    }

    /// <summary>Records that the bytes arrived. Only a pending or uploaded (re-sent) session moves.</summary>
    public async Task<bool> MarkUploadedAsync(Guid id, long receivedBytes, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            "UPDATE media_uploads SET status = 'uploaded', received_bytes = @receivedBytes " +
            "WHERE id = @id AND status IN ('pending', 'uploaded')", new { id, receivedBytes }) == 1;
    }

    /// <summary>The media row exists as "received" before any slow work starts.</summary>
    public async Task InsertMediaAsync(MediaRecord media, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "INSERT INTO media (id, agent_id, upload_id, status, source_format, width, height, thumb_width, thumb_height, thumb_bytes, " +
            "feed_width, feed_height, feed_bytes, full_width, full_height, full_bytes, blurhash, dominant_color, created_at, deleted_at) " +
            "VALUES (@Id, @AgentId, @UploadId, @Status, @SourceFormat, @Width, @Height, @ThumbWidth, @ThumbHeight, @ThumbBytes, " +
            "@FeedWidth, @FeedHeight, @FeedBytes, @FullWidth, @FullHeight, @FullBytes, @Blurhash, @DominantColor, @CreatedAt, @DeletedAt)", media);
    }

    /// <summary>Marks the media ready with its variants and the upload complete, together. False when
    /// another request completed the upload first (the caller then cleans up its own media).</summary>
    public Task<bool> CompleteAsync(MediaRecord ready, Guid uploadId, DateTimeOffset now, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var claimed = await connection.ExecuteAsync(
                "UPDATE media_uploads SET status = 'complete', media_id = @mediaId, completed_at = @now " +
                "WHERE id = @uploadId AND status = 'uploaded'", new { mediaId = ready.Id, uploadId, now }, transaction);
            if (claimed != 1)
            {
                return false;
            }

            await connection.ExecuteAsync(
                "UPDATE media SET status = 'ready', width = @Width, height = @Height, thumb_width = @ThumbWidth, thumb_height = @ThumbHeight, " +
                "thumb_bytes = @ThumbBytes, feed_width = @FeedWidth, feed_height = @FeedHeight, feed_bytes = @FeedBytes, " +
                "full_width = @FullWidth, full_height = @FullHeight, full_bytes = @FullBytes, blurhash = @Blurhash, " +
                "dominant_color = @DominantColor WHERE id = @Id", ready, transaction);
            return true;
        }, ct);

    public async Task SetMediaStatusAsync(Guid id, string status, DateTimeOffset? deletedAt, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync("UPDATE media SET status = @status, deleted_at = @deletedAt WHERE id = @id", new { id, status, deletedAt });
    }

    public async Task<MediaRecord?> GetMediaAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<MediaRecord>($"SELECT {MediaColumns} FROM media m WHERE m.id = @id", new { id });
    }

    public async Task<IReadOnlyList<MediaRecord>> GetMediaManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<MediaRecord>($"SELECT {MediaColumns} FROM media m WHERE {database.IdIn("m.id")}", database.IdList(ids))).AsList();
    }

    /// <summary>Media of a deleted post still in use elsewhere (another live post or an avatar) keep their blobs.</summary>
    public async Task<bool> IsInUseAsync(Guid mediaId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT (SELECT COUNT(*) FROM post_images pi JOIN posts p ON p.id = pi.post_id WHERE pi.media_id = @mediaId AND p.deleted_at IS NULL) " +
            "+ (SELECT COUNT(*) FROM agents WHERE avatar_media_id = @mediaId) " +
            "+ (SELECT COUNT(*) FROM avatars WHERE media_id = @mediaId)", new { mediaId }) > 0;
    }

    /// <summary>Ids of the given media that have a live row (received or ready). Used to find orphan blobs.</summary>
    public async Task<HashSet<Guid>> LiveMediaIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(ct);
        var live = await connection.QueryAsync<Guid>(
            "SELECT id FROM media WHERE " + database.IdIn("id") + " AND status IN ('received', 'ready')", database.IdList(ids));
        return live.ToHashSet();
    }
}
