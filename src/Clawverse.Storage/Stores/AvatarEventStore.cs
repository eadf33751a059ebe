using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>The gallery's event stream: written by <see cref="AvatarStore"/> in each change's transaction,
/// read by pollers, pruned after a few days.</summary>
public sealed class AvatarEventStore(Database database)
{
    /// <summary>Events after <paramref name="sinceMs"/>, oldest first, so a poller that takes the page and continues
    /// from its end misses nothing however many happened between two polls.</summary>
    public async Task<IReadOnlyList<AvatarEventRecord>> RecentAsync(long sinceMs, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<AvatarEventRecord>(
            "SELECT seq, type, pseudonym, owner_type, message, at_ms FROM avatar_events WHERE at_ms > @sinceMs " +
            "ORDER BY at_ms, seq LIMIT @limit", new { sinceMs, limit })).AsList();
    }

    public async Task<int> PruneAsync(long beforeMs, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync("DELETE FROM avatar_events WHERE at_ms < @beforeMs", new { beforeMs });
    }
}
