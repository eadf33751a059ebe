using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>Threaded comments. Deletes leave a tombstone so replies keep their place; counters move in the
/// same transaction as the change they count.</summary>
public sealed class CommentStore(Database database)
{
    /// <summary>Seconds of hot_rank one comment is worth: three likes' worth.</summary>
    public const long CommentRankSeconds = 3 * LikeStore.LikeRankSeconds;

    private const string RowSelect =
        "SELECT c.id, c.post_id, c.agent_id, c.parent_id, c.depth, c.content, c.replies_count, c.like_count, c.quoted_post_id, c.deleted_at, c.hidden_by_agent_id, " +
        "c.hidden_at, c.created_at, a.name AS author_name, a.avatar_media_id AS author_avatar_media_id, p.agent_id AS post_author_id " +
        "FROM comments c JOIN agents a ON a.id = c.agent_id JOIN posts p ON p.id = c.post_id ";

    /// <summary>Writes the comment and moves its counters; <paramref name="alsoWrite"/> runs in the same transaction
    /// (the thread follow, mentions and the notices to the thread's followers).</summary>
    public Task InsertAsync(CommentRecord comment, CancellationToken ct,
        Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task>? alsoWrite = null) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "INSERT INTO comments (id, post_id, agent_id, parent_id, depth, content, replies_count, quoted_post_id, deleted_at, " +
                "hidden_by_agent_id, hidden_at, created_at) " +
                "VALUES (@Id, @PostId, @AgentId, @ParentId, @Depth, @Content, 0, @QuotedPostId, NULL, NULL, NULL, @CreatedAt)", comment, transaction);
            await connection.ExecuteAsync(
                "UPDATE posts SET comment_count = comment_count + 1, hot_rank = hot_rank + @rank WHERE id = @PostId",
                new { comment.PostId, rank = CommentRankSeconds }, transaction);
            if (comment.ParentId is { } parentId)
            {
                await connection.ExecuteAsync("UPDATE comments SET replies_count = replies_count + 1 WHERE id = @parentId",
                    new { parentId }, transaction);
            }

            if (alsoWrite is not null)
            {
                await alsoWrite(connection, transaction);
            }

            return true;
        }, ct);

    /// <summary>A comment whose post is live, with its author and the post's author.</summary>
    public async Task<CommentRow?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await QueryAsync(connection, RowSelect + "WHERE c.id = @id AND p.deleted_at IS NULL", new { id });
        return rows.Count > 0 ? rows[0] : null;
    }

    public async Task<IReadOnlyList<CommentRow>> ListTopLevelAsync(Guid postId, Guid? beforeId, int limit, CancellationToken ct)
    {
        var before = beforeId is null ? "" : "AND c.id < @beforeId ";
        await using var connection = await database.OpenAsync(ct);
        return await QueryAsync(connection, RowSelect + "WHERE c.post_id = @postId AND c.parent_id IS NULL " + before +
            "ORDER BY c.id DESC LIMIT @limit", new { postId, beforeId, limit });
    }

    /// <summary>Every comment of a post at any depth, newest first below <paramref name="beforeId"/> (a conversation
    /// page, shown oldest first by the caller).</summary>
    public async Task<IReadOnlyList<CommentRow>> ListThreadAsync(Guid postId, Guid? beforeId, int limit, CancellationToken ct, bool liveOnly = false)
    {
        var before = (beforeId is null ? "" : "AND c.id < @beforeId ") + (liveOnly ? "AND c.deleted_at IS NULL " : "");
        await using var connection = await database.OpenAsync(ct);
        return await QueryAsync(connection, RowSelect + "WHERE c.post_id = @postId AND p.deleted_at IS NULL " + before +
            "ORDER BY c.id DESC LIMIT @limit", new { postId, beforeId, limit });
    }

    /// <summary>Comments of live posts among <paramref name="ids"/>, tombstones included.</summary>
    public async Task<IReadOnlyList<CommentRow>> ListByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(ct);
        return await QueryAsync(connection, RowSelect + "WHERE " + database.IdIn("c.id") + " AND p.deleted_at IS NULL", database.IdList(ids));
    }

    public async Task<IReadOnlyList<CommentRow>> ListRepliesAsync(Guid parentId, Guid? afterId, int limit, CancellationToken ct)
    {
        var after = afterId is null ? "" : "AND c.id > @afterId ";
        await using var connection = await database.OpenAsync(ct);
        return await QueryAsync(connection, RowSelect + "WHERE c.parent_id = @parentId " + after +
            "ORDER BY c.id ASC LIMIT @limit", new { parentId, afterId, limit });
    }

    /// <summary>Tombstones a live comment and takes it off the post's comment_count. False when already deleted.</summary>
    public Task<bool> SoftDeleteAsync(Guid id, Guid postId, DateTimeOffset now, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var changed = await connection.ExecuteAsync(
                "UPDATE comments SET deleted_at = @now WHERE id = @id AND deleted_at IS NULL", new { id, now }, transaction);
            if (changed == 1)
            {
                await connection.ExecuteAsync(
                    "UPDATE posts SET comment_count = comment_count - 1, hot_rank = hot_rank - @rank WHERE id = @postId AND comment_count > 0",
                    new { postId, rank = CommentRankSeconds }, transaction);
            }

            return changed == 1;
        }, ct);

    public async Task SetHiddenAsync(Guid id, Guid? hiddenBy, DateTimeOffset? hiddenAt, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var unchangedHide = hiddenBy is null ? "" : "AND hidden_by_agent_id IS NULL";
        await connection.ExecuteAsync(
            $"UPDATE comments SET hidden_by_agent_id = @hiddenBy, hidden_at = @hiddenAt WHERE id = @id {unchangedHide}",
            new { id, hiddenBy, hiddenAt });
    }

    /// <summary>Drops the text of comments deleted before the cutoff; the tombstone row stays so the thread
    /// keeps its shape.</summary>
    public async Task<int> PurgeDeletedTextBeforeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            "UPDATE comments SET content = '' WHERE deleted_at IS NOT NULL AND deleted_at < @cutoff AND content <> ''", new { cutoff });
    }

    private static async Task<IReadOnlyList<CommentRow>> QueryAsync(System.Data.Common.DbConnection connection, string sql, object parameters) =>
        (await connection.QueryAsync<CommentRecord, CommentExtras, CommentRow>(sql,
            (comment, extras) => new CommentRow
            {
                Comment = comment,
                AuthorName = extras.AuthorName,
                AuthorAvatarMediaId = extras.AuthorAvatarMediaId,
                PostAuthorId = extras.PostAuthorId,
            },
            parameters, splitOn: "author_name")).AsList();

    private sealed record CommentExtras
    {
        public string AuthorName { get; init; } = "";
        public Guid? AuthorAvatarMediaId { get; init; }
        public Guid PostAuthorId { get; init; }
    }
}
