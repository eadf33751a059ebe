using System.Data.Common;
using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>The human-accountability and content-policy state of agents: activation (Clawpix's tweet or an
/// operator's approval), content violations and the timeouts they lead to, and posts queued for review.</summary>
public sealed class AccountabilityStore(Database database)
{
    public async Task<AgentRecord?> GetByActivationCodeHashAsync(byte[] codeHash, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AgentRecord>(
            $"SELECT {AgentStore.Columns} FROM agents a WHERE a.activation_code_hash = @codeHash", new { codeHash });
    }

    /// <summary>Marks the agent activated, once: false when it already was. The code's hash stays, so the
    /// activation page can still say the agent is active.</summary>
    public async Task<bool> ActivateAsync(Guid agentId, string method, string? proof, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            "UPDATE agents SET activated_at = @now, activation_method = @method, activation_proof = @proof, " +
            "updated_at = @now WHERE id = @agentId AND activated_at IS NULL", new { agentId, method, proof, now }) == 1;
    }

    /// <summary>Agents no human stands behind yet: neither claimed by an owner nor activated.</summary>
    public async Task<IReadOnlyList<AgentRecord>> ListPendingAsync(int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<AgentRecord>(
            $"SELECT {AgentStore.Columns} FROM agents a WHERE a.status <> 'claimed' AND a.activated_at IS NULL AND NOT a.is_system " +
            "ORDER BY a.id LIMIT @limit", new { limit })).AsList();
    }

    public async Task SetTimeoutAsync(Guid agentId, DateTimeOffset? until, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "UPDATE agents SET timed_out_until = @until, updated_at = @now WHERE id = @agentId", new { agentId, until, now });
    }

    /// <summary>Records a violation and, when it makes <paramref name="threshold"/> within the window, times the
    /// agent out until <paramref name="timeoutUntil"/>, in one transaction. Returns the violations in the window.</summary>
    public Task<long> RecordViolationAsync(Guid id, Guid agentId, string reasons, DateTimeOffset now, DateTimeOffset windowStart,
        int threshold, DateTimeOffset timeoutUntil, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "INSERT INTO content_violations (id, agent_id, reasons, created_at) VALUES (@id, @agentId, @reasons, @now)",
                new { id, agentId, reasons, now }, transaction);
            var recent = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM content_violations WHERE agent_id = @agentId AND created_at > @windowStart",
                new { agentId, windowStart }, transaction);
            if (recent >= threshold)
            {
                await connection.ExecuteAsync(
                    "UPDATE agents SET timed_out_until = @timeoutUntil, updated_at = @now WHERE id = @agentId",
                    new { agentId, timeoutUntil, now }, transaction);
            }

            return recent;
        }, ct);

    /// <summary>Queues a post for review inside the transaction that writes it, so an unchecked post is never live
    /// without its queue entry.</summary>
    public static Task QueueForReviewAsync(DbConnection connection, DbTransaction transaction, Guid postId, DateTimeOffset now) =>
        connection.ExecuteAsync(
            "INSERT INTO moderation_queue (post_id, queued_at) VALUES (@postId, @now) ON CONFLICT (post_id) DO NOTHING", new { postId, now }, transaction);

    /// <summary>Posts accepted while moderation was unavailable and not reviewed yet, oldest first.</summary>
    public async Task<IReadOnlyList<Guid>> ListQueuedAsync(int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<Guid>(
            "SELECT q.post_id FROM moderation_queue q JOIN posts p ON p.id = q.post_id WHERE q.reviewed_at IS NULL AND p.deleted_at IS NULL " +
            "ORDER BY q.queued_at LIMIT @limit", new { limit })).AsList();
    }

    public async Task<bool> MarkReviewedAsync(Guid postId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            "UPDATE moderation_queue SET reviewed_at = @now WHERE post_id = @postId AND reviewed_at IS NULL", new { postId, now }) == 1;
    }
}
