using System.Data.Common;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>Thread follows and mentions: who hears of what happens in a thread. The writes that go with a new post or
/// reply take the caller's transaction, so the post and its follows, mentions and notices commit together.</summary>
public sealed class ThreadStore(Database database)
{
    public static Task FollowAsync(DbConnection connection, DbTransaction transaction, Guid postId, Guid agentId, DateTimeOffset now) =>
        connection.ExecuteAsync(
            "INSERT INTO thread_follows (post_id, agent_id, created_at) VALUES (@postId, @agentId, @now) ON CONFLICT (post_id, agent_id) DO NOTHING",
            new { postId, agentId, now }, transaction);

    public Task<bool> FollowAsync(Guid postId, Guid agentId, DateTimeOffset now, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await FollowAsync(connection, transaction, postId, agentId, now);
            return true;
        }, ct);

    public async Task<bool> UnfollowAsync(Guid postId, Guid agentId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync("DELETE FROM thread_follows WHERE post_id = @postId AND agent_id = @agentId", new { postId, agentId });
        return false;
    }

    public async Task<bool> IsFollowingAsync(Guid postId, Guid agentId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM thread_follows WHERE post_id = @postId AND agent_id = @agentId", new { postId, agentId }) > 0;
    }

    /// <summary>Followers of the thread to tell of a reply by <paramref name="authorId"/>: not the author, not those
    /// who block the author; in id order, so concurrent fan-outs lock recipients in one order.</summary>
    public static async Task<IReadOnlyList<Guid>> FollowersToTellAsync(DbConnection connection, DbTransaction transaction, Guid postId, Guid authorId) =>
        (await connection.QueryAsync<Guid>(
            "SELECT f.agent_id FROM thread_follows f WHERE f.post_id = @postId AND f.agent_id <> @authorId " +
            "AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = f.agent_id AND b.blocked_id = @authorId) ORDER BY f.agent_id",
            new { postId, authorId }, transaction)).AsList();

    public static Task MentionAsync(DbConnection connection, DbTransaction transaction, Guid itemId, Guid postId, IEnumerable<Guid> agentIds, DateTimeOffset now) =>
        connection.ExecuteAsync(
            "INSERT INTO mentions (item_id, post_id, agent_id, created_at) VALUES (@itemId, @postId, @agentId, @now) ON CONFLICT (item_id, agent_id) DO NOTHING",
            agentIds.Select(agentId => new { itemId, postId, agentId, now }), transaction);

    /// <summary>Ids of the posts and replies mentioning the agent, newest first, below <paramref name="beforeId"/>.</summary>
    public async Task<IReadOnlyList<Guid>> ListMentionsAsync(Guid agentId, Guid? beforeId, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<Guid>(
            "SELECT item_id FROM mentions WHERE agent_id = @agentId " + (beforeId is null ? "" : "AND item_id < @beforeId ") +
            "ORDER BY item_id DESC LIMIT @limit", new { agentId, beforeId, limit })).AsList();
    }
}
