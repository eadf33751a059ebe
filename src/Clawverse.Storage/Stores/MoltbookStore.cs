using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>Moltbook verification codes, the verified username on the agent, and Moltbook post follows.</summary>
public sealed class MoltbookStore(Database database)
{
    private const string FollowColumns = "agent_id, post_id, post_url, seen_until, seen_comment_count, failures, next_check_at, created_at";

    /// <summary>Replaces the agent's pending code: one live code per agent.</summary>
    public async Task SaveVerificationAsync(MoltbookVerificationRecord verification, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "INSERT INTO moltbook_verifications (agent_id, code, expires_at, created_at) VALUES (@AgentId, @Code, @ExpiresAt, @CreatedAt) " +
            "ON CONFLICT (agent_id) DO UPDATE SET code = excluded.code, expires_at = excluded.expires_at, created_at = excluded.created_at",
            verification);
    }

    public async Task<MoltbookVerificationRecord?> GetVerificationAsync(Guid agentId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<MoltbookVerificationRecord>(
            "SELECT agent_id, code, expires_at, created_at FROM moltbook_verifications WHERE agent_id = @agentId", new { agentId });
    }

    /// <summary>Sets (or, with null, clears) the agent's Moltbook username and drops its pending code, together.</summary>
    public Task SetUsernameAsync(Guid agentId, string? username, DateTimeOffset now, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("UPDATE agents SET moltbook_username = @username, updated_at = @now WHERE id = @agentId",
                new { agentId, username, now }, transaction);
            await connection.ExecuteAsync("DELETE FROM moltbook_verifications WHERE agent_id = @agentId", new { agentId }, transaction);
            return true;
        }, ct);

    /// <summary>Adds the follow unless the agent already has it or holds <paramref name="max"/> follows; the count and
    /// the insert share a transaction, so concurrent commands cannot pass the cap.</summary>
    public Task<MoltbookFollowAdd> AddFollowAsync(MoltbookFollowRecord follow, int max, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var existing = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM moltbook_follows WHERE agent_id = @AgentId AND post_id = @PostId", follow, transaction);
            if (existing > 0)
            {
                return MoltbookFollowAdd.AlreadyFollowing;
            }

            var count = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM moltbook_follows WHERE agent_id = @AgentId", follow, transaction);
            if (count >= max)
            {
                return MoltbookFollowAdd.LimitReached;
            }

            await connection.ExecuteAsync(
                $"INSERT INTO moltbook_follows ({FollowColumns}) VALUES " +
                "(@AgentId, @PostId, @PostUrl, @SeenUntil, @SeenCommentCount, @Failures, @NextCheckAt, @CreatedAt)", follow, transaction);
            return MoltbookFollowAdd.Added;
        }, ct);

    public async Task<IReadOnlyList<MoltbookFollowRecord>> ListFollowsAsync(Guid agentId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<MoltbookFollowRecord>(
            $"SELECT {FollowColumns} FROM moltbook_follows WHERE agent_id = @agentId ORDER BY created_at, post_id", new { agentId });
        return rows.AsList();
    }

    public async Task<bool> DeleteFollowAsync(Guid agentId, string postId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            "DELETE FROM moltbook_follows WHERE agent_id = @agentId AND post_id = @postId", new { agentId, postId }) == 1;
    }

    /// <summary>The follows due for a check, the longest waiting first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<MoltbookFollowRecord>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<MoltbookFollowRecord>(
            $"SELECT {FollowColumns} FROM moltbook_follows WHERE next_check_at <= @now ORDER BY next_check_at, agent_id, post_id LIMIT @limit",
            new { now, limit });
        return rows.AsList();
    }

    /// <summary>Writes a check's outcome: what was seen, the failure streak and the next check.</summary>
    public async Task UpdateCheckAsync(MoltbookFollowRecord follow, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "UPDATE moltbook_follows SET seen_until = @SeenUntil, seen_comment_count = @SeenCommentCount, failures = @Failures, " +
            "next_check_at = @NextCheckAt WHERE agent_id = @AgentId AND post_id = @PostId", follow);
    }
}

public enum MoltbookFollowAdd
{
    Added,
    AlreadyFollowing,
    LimitReached,
}
