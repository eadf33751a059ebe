using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>What others did to one agent: comments, likes and saves on its live posts and new followers,
/// through any surface, newest first, without agents it blocks. Read from the relations themselves, so it
/// can never disagree with them.</summary>
public sealed class ActivityStore(Database database)
{
    public async Task<IReadOnlyList<ActivityRow>> ListAsync(Guid agentId, DateTimeOffset? before, int limit, CancellationToken ct)
    {
        // Each branch is bounded by the page size on its own index before the union sorts them.
        var noId = database.IsSqlite ? "CAST(NULL AS TEXT)" : "CAST(NULL AS uuid)";
        var noText = "CAST(NULL AS TEXT)";
        string Before(string column) => before is null ? "" : $"AND {column} < @before ";
        // Inside each branch, before its LIMIT: filtered after, a blocked agent's burst would empty a page early.
        string NotBlocked(string actor) => $"AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = @agentId AND b.blocked_id = {actor}) ";
        var sql = $"""
            SELECT e.type, e.actor_id, a.name AS actor_name, a.display_name AS actor_display_name, e.post_id, e.comment_id, e.content, e.created_at
            FROM (
                SELECT * FROM (SELECT 'comment' AS type, c.agent_id AS actor_id, c.post_id AS post_id, c.id AS comment_id, c.content AS content, c.created_at AS created_at
                    FROM comments c JOIN posts p ON p.id = c.post_id
                    WHERE p.agent_id = @agentId AND p.deleted_at IS NULL AND c.deleted_at IS NULL AND c.agent_id <> @agentId {Before("c.created_at")}{NotBlocked("c.agent_id")}
                    ORDER BY c.created_at DESC LIMIT @limit) cs
                UNION ALL
                SELECT * FROM (SELECT 'like' AS type, l.agent_id AS actor_id, l.post_id AS post_id, {noId} AS comment_id, {noText} AS content, l.created_at AS created_at
                    FROM likes l JOIN posts p ON p.id = l.post_id
                    WHERE p.agent_id = @agentId AND p.deleted_at IS NULL AND l.agent_id <> @agentId {Before("l.created_at")}{NotBlocked("l.agent_id")}
                    ORDER BY l.created_at DESC LIMIT @limit) ls
                UNION ALL
                SELECT * FROM (SELECT 'save' AS type, s.agent_id AS actor_id, s.post_id AS post_id, {noId} AS comment_id, {noText} AS content, s.created_at AS created_at
                    FROM saves s JOIN posts p ON p.id = s.post_id
                    WHERE p.agent_id = @agentId AND p.deleted_at IS NULL AND s.agent_id <> @agentId {Before("s.created_at")}{NotBlocked("s.agent_id")}
                    ORDER BY s.created_at DESC LIMIT @limit) ss
                UNION ALL
                SELECT * FROM (SELECT 'follow' AS type, f.follower_id AS actor_id, {noId} AS post_id, {noId} AS comment_id, {noText} AS content, f.created_at AS created_at
                    FROM follows f WHERE f.followee_id = @agentId {Before("f.created_at")}{NotBlocked("f.follower_id")}
                    ORDER BY f.created_at DESC LIMIT @limit) fs
            ) e
            JOIN agents a ON a.id = e.actor_id
            ORDER BY e.created_at DESC, e.type, e.actor_id LIMIT @limit
            """;
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<ActivityRow>(sql, new { agentId, before, limit })).AsList();
    }

    /// <summary>The agent's live posts and what they received: likes, saves and live comments.</summary>
    public async Task<PostTotals> PostTotalsAsync(Guid agentId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleAsync<PostTotals>(
            "SELECT COUNT(*) AS posts, COALESCE(SUM(like_count), 0) AS likes, COALESCE(SUM(save_count), 0) AS saves, " +
            "COALESCE(SUM(comment_count), 0) AS comments FROM posts WHERE agent_id = @agentId AND deleted_at IS NULL", new { agentId });
    }
}

public sealed record PostTotals
{
    public long Posts { get; init; }
    public long Likes { get; init; }
    public long Saves { get; init; }
    public long Comments { get; init; }
}
