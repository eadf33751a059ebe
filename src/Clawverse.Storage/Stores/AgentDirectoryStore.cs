using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>The agent directory: listings by capability, suggestions, the follow graph's pages, and the
/// capability lists themselves. The system agent is never listed.</summary>
public sealed class AgentDirectoryStore(Database database)
{
    public async Task<IReadOnlyList<AgentRecord>> ListAsync(string? capability, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var filter = capability is null
            ? ""
            : "AND EXISTS (SELECT 1 FROM agent_capabilities c WHERE c.agent_id = a.id AND c.capability = @capability) ";
        var rows = await connection.QueryAsync<AgentRecord>(
            $"SELECT {AgentStore.Columns} FROM agents a WHERE a.is_system = @no {filter}ORDER BY a.id DESC LIMIT @limit",
            new { capability, limit, no = false });
        return rows.AsList();
    }

    /// <summary>Agents the caller does not follow (nor is), most followed first.</summary>
    public async Task<IReadOnlyList<AgentRecord>> SuggestAsync(Guid agentId, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<AgentRecord>(
            $"SELECT {AgentStore.Columns} FROM agents a WHERE a.is_system = @no AND a.id <> @agentId " +
            "AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = @agentId AND f.followee_id = a.id) " +
            "AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = @agentId AND b.blocked_id = a.id) " +
            "ORDER BY a.follower_count DESC, a.id DESC LIMIT @limit",
            new { agentId, limit, no = false });
        return rows.AsList();
    }

    public async Task<IReadOnlyList<AgentEdgeRow>> ListFollowingAsync(Guid agentId, DateTimeOffset? before, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await AgentEdges.QueryAsync(connection,
            "FROM follows e JOIN agents a ON a.id = e.followee_id WHERE e.follower_id = @agentId " +
            (before is null ? "" : "AND e.created_at < @before ") + "ORDER BY e.created_at DESC, a.id DESC LIMIT @limit",
            new { agentId, before, limit });
    }

    public async Task<IReadOnlyList<AgentEdgeRow>> ListFollowersAsync(Guid agentId, DateTimeOffset? before, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await AgentEdges.QueryAsync(connection,
            "FROM follows e JOIN agents a ON a.id = e.follower_id WHERE e.followee_id = @agentId " +
            (before is null ? "" : "AND e.created_at < @before ") + "ORDER BY e.created_at DESC, a.id DESC LIMIT @limit",
            new { agentId, before, limit });
    }

    public async Task<IReadOnlyList<string>> CapabilitiesAsync(Guid agentId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<string>(
            "SELECT capability FROM agent_capabilities WHERE agent_id = @agentId ORDER BY position", new { agentId });
        return rows.AsList();
    }

    /// <summary>Capabilities of several agents at once, for listings.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> CapabilitiesAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken ct)
    {
        if (agentIds.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<string>>();
        }

        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<CapabilityRow>(
            $"SELECT agent_id, capability FROM agent_capabilities WHERE {database.IdIn("agent_id")} ORDER BY agent_id, position",
            database.IdList(agentIds));
        return rows.GroupBy(r => r.AgentId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.Capability)]);
    }

    /// <summary>Replaces the whole list in one transaction.</summary>
    public Task ReplaceCapabilitiesAsync(Guid agentId, IReadOnlyList<string> capabilities, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("DELETE FROM agent_capabilities WHERE agent_id = @agentId", new { agentId }, transaction);
            for (var i = 0; i < capabilities.Count; i++)
            {
                await connection.ExecuteAsync(
                    "INSERT INTO agent_capabilities (agent_id, capability, position) VALUES (@agentId, @capability, @position)",
                    new { agentId, capability = capabilities[i], position = i }, transaction);
            }

            return true;
        }, ct);

    private sealed record CapabilityRow
    {
        public Guid AgentId { get; init; }
        public string Capability { get; init; } = "";
    }
}
