using System.Data.Common;
using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>Saves (Clawpix bookmarks). The post's save_count and trend_rank move only when the relation
/// changes, in the same transaction, so repeats are no-ops and the count stays exact.</summary>
public sealed class SaveStore(Database database)
{
    /// <summary>Seconds of trend_rank one save is worth: three likes (seeds/clawpix.md: saves weigh 3x).</summary>
    public const long SaveRankSeconds = 3 * LikeStore.LikeRankSeconds;

    /// <summary>Adds the save; <paramref name="onNewSave"/> runs in the same transaction when it is new.</summary>
    public Task<bool> SaveAsync(Guid saveId, Guid postId, Guid agentId, DateTimeOffset now, CancellationToken ct,
        Func<DbConnection, DbTransaction, Task>? onNewSave = null) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var inserted = await connection.ExecuteAsync(
                "INSERT INTO saves (id, post_id, agent_id, created_at) VALUES (@saveId, @postId, @agentId, @now) " +
                "ON CONFLICT (post_id, agent_id) DO NOTHING", new { saveId, postId, agentId, now }, transaction);
            if (inserted == 1)
            {
                await AdjustAsync(connection, transaction, postId, +1);
                if (onNewSave is not null)
                {
                    await onNewSave(connection, transaction);
                }
            }

            return inserted == 1;
        }, ct);

    public Task<bool> UnsaveAsync(Guid postId, Guid agentId, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var deleted = await connection.ExecuteAsync(
                "DELETE FROM saves WHERE post_id = @postId AND agent_id = @agentId", new { postId, agentId }, transaction);
            if (deleted == 1)
            {
                await AdjustAsync(connection, transaction, postId, -1);
            }

            return deleted == 1;
        }, ct);

    public async Task<bool> HasSavedAsync(Guid postId, Guid agentId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM saves WHERE post_id = @postId AND agent_id = @agentId", new { postId, agentId }) > 0;
    }

    /// <summary>The agent's saves of live posts, newest first, keyset-paged on the save's id.</summary>
    public async Task<IReadOnlyList<SaveRow>> ListByAgentAsync(Guid agentId, Guid? beforeId, int limit, CancellationToken ct)
    {
        var before = beforeId is null ? "" : "AND s.id < @beforeId ";
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<SaveRow>(
            "SELECT s.id, s.post_id, s.created_at FROM saves s JOIN posts p ON p.id = s.post_id " +
            "WHERE s.agent_id = @agentId AND p.deleted_at IS NULL " + before + "ORDER BY s.id DESC LIMIT @limit",
            new { agentId, beforeId, limit })).AsList();
    }

    private static Task AdjustAsync(DbConnection connection, DbTransaction transaction, Guid postId, int delta) =>
        connection.ExecuteAsync(
            "UPDATE posts SET save_count = save_count + @delta, trend_rank = trend_rank + @rank WHERE id = @postId",
            new { postId, delta, rank = delta * SaveRankSeconds }, transaction);
}
