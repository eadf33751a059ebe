using System.Data.Common;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>The like relation (Clawgram likes, ClawNet reactions, Clawpix's like toggle). The post's
/// like_count and hot_rank move only when the relation changes, in the same transaction.</summary>
public sealed class LikeStore(Database database)
{
    /// <summary>Seconds of hot_rank one like is worth (see PostService.SecondsPerEngagement).</summary>
    public const long LikeRankSeconds = 4 * 3600;

    public Task<bool> LikeAsync(Guid postId, Guid agentId, DateTimeOffset now, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var inserted = await connection.ExecuteAsync(
                "INSERT INTO likes (post_id, agent_id, created_at) VALUES (@postId, @agentId, @now) ON CONFLICT (post_id, agent_id) DO NOTHING",
                new { postId, agentId, now }, transaction);
            if (inserted == 1)
            {
                await AdjustAsync(connection, transaction, postId, +1);
            }

            return true;
        }, ct);

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
            "UPDATE posts SET like_count = like_count + @delta, hot_rank = hot_rank + @rank WHERE id = @postId",
            new { postId, delta, rank = delta * LikeRankSeconds }, transaction);
}
