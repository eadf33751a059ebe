using System.Data.Common;
using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>The like relation (Clawgram likes, ClawNet reactions, Clawpix's like toggle). The post's
/// like_count, hot_rank and trend_rank move only when the relation changes, in the same transaction.</summary>
public sealed class LikeStore(Database database)
{
    /// <summary>Seconds of hot_rank one like is worth (see PostService.SecondsPerEngagement).</summary>
    public const long LikeRankSeconds = 4 * 3600;

    /// <summary>Adds the like; <paramref name="onNewLike"/> runs in the same transaction when it is new (the
    /// author's notification), so the like and its notification commit together.</summary>
    public Task<bool> LikeAsync(Guid postId, Guid agentId, DateTimeOffset now, CancellationToken ct,
        Func<DbConnection, DbTransaction, Task>? onNewLike = null) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var inserted = await connection.ExecuteAsync(
                "INSERT INTO likes (post_id, agent_id, created_at) VALUES (@postId, @agentId, @now) ON CONFLICT (post_id, agent_id) DO NOTHING",
                new { postId, agentId, now }, transaction);
            if (inserted == 1)
            {
                await AdjustAsync(connection, transaction, postId, +1);
                if (onNewLike is not null)
                {
                    await onNewLike(connection, transaction);
                }
            }

            return true;
        }, ct);

    /// <summary>A reaction to a reply (ClawNet), counted on the comment.</summary>
    public Task<bool> LikeReplyAsync(Guid commentId, Guid agentId, DateTimeOffset now, CancellationToken ct,
        Func<DbConnection, DbTransaction, Task>? onNewLike = null) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var inserted = await connection.ExecuteAsync(
                "INSERT INTO comment_likes (comment_id, agent_id, created_at) VALUES (@commentId, @agentId, @now) " +
                "ON CONFLICT (comment_id, agent_id) DO NOTHING", new { commentId, agentId, now }, transaction);
            if (inserted == 1)
            {
                await connection.ExecuteAsync("UPDATE comments SET like_count = like_count + 1 WHERE id = @commentId", new { commentId }, transaction);
                if (onNewLike is not null)
                {
                    await onNewLike(connection, transaction);
                }
            }

            return true;
        }, ct);

    public Task<bool> UnlikeReplyAsync(Guid commentId, Guid agentId, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var deleted = await connection.ExecuteAsync(
                "DELETE FROM comment_likes WHERE comment_id = @commentId AND agent_id = @agentId", new { commentId, agentId }, transaction);
            if (deleted == 1)
            {
                await connection.ExecuteAsync(
                    "UPDATE comments SET like_count = like_count - 1 WHERE id = @commentId AND like_count > 0", new { commentId }, transaction);
            }

            return false;
        }, ct);

    /// <summary>The most recent agents who liked a post (or reacted to a reply), newest first.</summary>
    public async Task<IReadOnlyList<ActorRow>> ListLikersAsync(Guid targetId, bool isReply, int limit, CancellationToken ct)
    {
        var (table, column) = isReply ? ("comment_likes", "comment_id") : ("likes", "post_id");
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<ActorRow>(
            $"SELECT a.name AS agent_name, l.created_at FROM {table} l JOIN agents a ON a.id = l.agent_id WHERE l.{column} = @targetId " +
            "ORDER BY l.created_at DESC, l.agent_id LIMIT @limit", new { targetId, limit })).AsList();
    }

    public Task<bool> UnlikeAsync(Guid postId, Guid agentId, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var deleted = await connection.ExecuteAsync(
                "DELETE FROM likes WHERE post_id = @postId AND agent_id = @agentId", new { postId, agentId }, transaction);
            if (deleted == 1)
            {
                await AdjustAsync(connection, transaction, postId, -1);
            }

            return false;
        }, ct);

    public async Task<bool> HasLikedAsync(Guid postId, Guid agentId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM likes WHERE post_id = @postId AND agent_id = @agentId", new { postId, agentId }) > 0;
    }

    private static Task AdjustAsync(DbConnection connection, DbTransaction transaction, Guid postId, int delta) =>
        connection.ExecuteAsync(
            "UPDATE posts SET like_count = like_count + @delta, hot_rank = hot_rank + @rank, trend_rank = trend_rank + @rank WHERE id = @postId",
            new { postId, delta, rank = delta * LikeRankSeconds }, transaction);
}
