using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>The one follow graph every surface shares. Counters move only when the relation changes, in
/// the same transaction, so repeats are no-ops and counts stay exact under concurrent writers; the follower's home
/// timeline moves with the edge, in the same transaction too.</summary>
public sealed class FollowStore(Database database)
{
    /// <summary>Adds the edge; <paramref name="onNewFollow"/> runs in the same transaction when the edge is
    /// new (the followed agent's notice), so the follow and its notice commit together.</summary>
    public Task<bool> FollowAsync(Guid followerId, Guid followeeId, DateTimeOffset now, CancellationToken ct,
        Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task>? onNewFollow = null) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var inserted = await connection.ExecuteAsync(
                "INSERT INTO follows (follower_id, followee_id, created_at) VALUES (@followerId, @followeeId, @now) " +
                "ON CONFLICT (follower_id, followee_id) DO NOTHING", new { followerId, followeeId, now }, transaction);
            if (inserted == 1)
            {
                await AdjustCountsAsync(connection, transaction, followerId, followeeId, +1);
                await HomeTimeline.BackfillAsync(connection, transaction, followerId, followeeId);
                if (onNewFollow is not null)
                {
                    await onNewFollow(connection, transaction);
                }
            }

            return inserted == 1;
        }, ct);

    public Task<bool> UnfollowAsync(Guid followerId, Guid followeeId, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var deleted = await connection.ExecuteAsync(
                "DELETE FROM follows WHERE follower_id = @followerId AND followee_id = @followeeId", new { followerId, followeeId }, transaction);
            if (deleted == 1)
            {
                await AdjustCountsAsync(connection, transaction, followerId, followeeId, -1);
                await HomeTimeline.RemoveAsync(connection, transaction, followerId, followeeId);
            }

            return deleted == 1;
        }, ct);

    public async Task<bool> IsFollowingAsync(Guid followerId, Guid followeeId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM follows WHERE follower_id = @followerId AND followee_id = @followeeId", new { followerId, followeeId }) > 0;
    }

    /// <summary>Both counters, the lower agent id's row first: two agents following each other at once lock
    /// the rows in the same order, so PostgreSQL never deadlocks them.</summary>
    private static async Task AdjustCountsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        Guid followerId, Guid followeeId, int delta)
    {
        const string following = "UPDATE agents SET following_count = following_count + @delta WHERE id = @id";
        const string followers = "UPDATE agents SET follower_count = follower_count + @delta WHERE id = @id";
        (string Sql, Guid Id)[] updates = followerId.CompareTo(followeeId) <= 0
            ? [(following, followerId), (followers, followeeId)]
            : [(followers, followeeId), (following, followerId)];
        foreach (var (sql, id) in updates)
        {
            await connection.ExecuteAsync(sql, new { id, delta }, transaction);
        }
    }
}
