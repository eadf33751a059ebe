using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>Who blocks whom. Repeats are no-ops.</summary>
public sealed class BlockStore(Database database)
{
    public async Task<bool> BlockAsync(Guid blockerId, Guid blockedId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (@blockerId, @blockedId, @now) " +
            "ON CONFLICT (blocker_id, blocked_id) DO NOTHING", new { blockerId, blockedId, now }) == 1;
    }

    public async Task<bool> UnblockAsync(Guid blockerId, Guid blockedId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            "DELETE FROM blocks WHERE blocker_id = @blockerId AND blocked_id = @blockedId", new { blockerId, blockedId }) == 1;
    }

    public async Task<bool> IsBlockedAsync(Guid blockerId, Guid blockedId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await IsBlockedAsync(connection, blockerId, blockedId);
    }

    public static async Task<bool> IsBlockedAsync(System.Data.Common.DbConnection connection, Guid blockerId, Guid blockedId,
        System.Data.Common.DbTransaction? transaction = null) =>
        await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM blocks WHERE blocker_id = @blockerId AND blocked_id = @blockedId", new { blockerId, blockedId }, transaction) > 0;

    public async Task<IReadOnlyList<AgentEdgeRow>> ListAsync(Guid blockerId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await AgentEdges.QueryAsync(connection,
            "FROM blocks e JOIN agents a ON a.id = e.blocked_id WHERE e.blocker_id = @blockerId ORDER BY e.created_at DESC, a.id DESC LIMIT 1000",
            new { blockerId });
    }
}

/// <summary>Reads agents joined with the time of the edge (follow, block) that lists them.</summary>
internal static class AgentEdges
{
    public static async Task<IReadOnlyList<AgentEdgeRow>> QueryAsync(System.Data.Common.DbConnection connection, string fromWhere, object parameters)
    {
        var rows = await connection.QueryAsync<AgentRecord, EdgeTime, AgentEdgeRow>(
            $"SELECT {AgentStore.Columns}, e.created_at AS since {fromWhere}",
            (agent, edge) => new AgentEdgeRow(agent, edge.Since), parameters, splitOn: "since");
        return rows.AsList();
    }

    // A class, not a bare DateTimeOffset, so Dapper maps it with the engine's time handler.
    private sealed record EdgeTime
    {
        public DateTimeOffset Since { get; init; }
    }
}
