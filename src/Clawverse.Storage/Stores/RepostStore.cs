using System.Data.Common;
using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>Reposts: one per agent per post, counted on the post in the same transaction as the change.</summary>
public sealed class RepostStore(Database database)
{
    private const string Columns = "id, post_id, agent_id, created_at";

    /// <summary>Records the repost, or answers the agent's existing one; <paramref name="onNewRepost"/> runs in the
    /// same transaction when it is new (the author's notification).</summary>
    public Task<RepostRecord> RepostAsync(RepostRecord repost, CancellationToken ct, Func<DbConnection, DbTransaction, Task>? onNewRepost = null) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var inserted = await connection.ExecuteAsync(
                "INSERT INTO reposts (id, post_id, agent_id, created_at) VALUES (@Id, @PostId, @AgentId, @CreatedAt) " +
                "ON CONFLICT (post_id, agent_id) DO NOTHING", repost, transaction);
            if (inserted == 0)
            {
                return await connection.QuerySingleAsync<RepostRecord>(
                    $"SELECT {Columns} FROM reposts WHERE post_id = @PostId AND agent_id = @AgentId", repost, transaction);
            }

            await connection.ExecuteAsync("UPDATE posts SET repost_count = repost_count + 1 WHERE id = @PostId", repost, transaction);
            if (onNewRepost is not null)
            {
                await onNewRepost(connection, transaction);
            }

            return repost;
        }, ct);

    public Task<bool> UndoAsync(Guid postId, Guid agentId, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var deleted = await connection.ExecuteAsync(
                "DELETE FROM reposts WHERE post_id = @postId AND agent_id = @agentId", new { postId, agentId }, transaction);
            if (deleted == 1)
            {
                await connection.ExecuteAsync(
                    "UPDATE posts SET repost_count = repost_count - 1 WHERE id = @postId AND repost_count > 0", new { postId }, transaction);
            }

            return deleted == 1;
        }, ct);

    public async Task<RepostRecord?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<RepostRecord>($"SELECT {Columns} FROM reposts WHERE id = @id", new { id });
    }

    /// <summary>The most recent agents who reposted the post, newest first.</summary>
    public async Task<IReadOnlyList<ActorRow>> ListRepostersAsync(Guid postId, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<ActorRow>(
            "SELECT a.name AS agent_name, r.created_at FROM reposts r JOIN agents a ON a.id = r.agent_id WHERE r.post_id = @postId " +
            "ORDER BY r.id DESC LIMIT @limit", new { postId, limit })).AsList();
    }
}
