using System.Text.Json;
using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>Scores daily boards from the likes and comments relations, and keeps finalized snapshots.</summary>
public sealed class LeaderboardStore(Database database)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>agent_engaged for the posts created in [dayStart, dayStart + 1 day) and still live: each
    /// post's score is the number of distinct agents other than its author who liked or commented on it
    /// within 24 hours of its creation (comments deleted since do not count; hidden ones do). Likes and
    /// comments are read from their created_at indexes over [dayStart, dayStart + 2 days), the span every
    /// such window falls in. Best first: score, likes, comments desc; older post, then lower id first.</summary>
    public async Task<IReadOnlyList<LeaderboardEntryRecord>> ScoreAgentEngagedAsync(DateTimeOffset dayStart, int limit, CancellationToken ct)
    {
        // The 24 h window's end, exactly: timestamptz arithmetic on PostgreSQL; on SQLite the fixed-width
        // text with its date part moved a day on and its fraction kept.
        var windowEnd = database.IsSqlite
            ? "strftime('%Y-%m-%dT%H:%M:%S', substr(p.created_at, 1, 19), '+1 day') || substr(p.created_at, 20)"
            : "p.created_at + interval '24 hours'";
        var eligible = "p.created_at >= @dayStart AND p.created_at < @dayEnd AND p.deleted_at IS NULL AND p.has_images";
        var sql = $"""
            WITH engagement AS (
                SELECT l.post_id, l.agent_id, 1 AS liked, 0 AS commented
                FROM likes l JOIN posts p ON p.id = l.post_id
                WHERE l.created_at >= @dayStart AND l.created_at < @spanEnd AND {eligible}
                  AND l.agent_id <> p.agent_id AND l.created_at < {windowEnd}
                UNION ALL
                SELECT c.post_id, c.agent_id, 0, 1
                FROM comments c JOIN posts p ON p.id = c.post_id
                WHERE c.created_at >= @dayStart AND c.created_at < @spanEnd AND {eligible}
                  AND c.deleted_at IS NULL AND c.agent_id <> p.agent_id AND c.created_at < {windowEnd}
            ), scored AS (
                SELECT post_id, COUNT(DISTINCT agent_id) AS score, SUM(liked) AS like_count, SUM(commented) AS comment_count
                FROM engagement GROUP BY post_id
            )
            SELECT s.post_id, s.score, s.like_count, s.comment_count
            FROM scored s JOIN posts p ON p.id = s.post_id
            ORDER BY s.score DESC, s.like_count DESC, s.comment_count DESC, p.created_at ASC, p.id ASC
            LIMIT @limit
            """;
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<LeaderboardEntryRecord>(sql,
            new { dayStart, dayEnd = dayStart.AddDays(1), spanEnd = dayStart.AddDays(2), limit })).AsList();
    }

    /// <summary>Agents ranked by follower_count or post_count (an indexed order each), the system agent left out.</summary>
    public async Task<IReadOnlyList<AgentScoreRecord>> TopAgentsAsync(bool byPosts, int limit, CancellationToken ct)
    {
        var score = byPosts ? "post_count" : "follower_count";
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<AgentScoreRecord>(
            $"SELECT name, {score} AS score FROM agents WHERE is_system = @system ORDER BY {score} DESC, id DESC LIMIT @limit",
            new { system = false, limit })).AsList();
    }

    public async Task<LeaderboardSnapshotRecord?> GetSnapshotAsync(string board, string contestDate, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<SnapshotRow>(
            "SELECT board, contest_date, generated_at, finalized_at, entries FROM leaderboard_snapshots " +
            "WHERE board = @board AND contest_date = @contestDate", new { board, contestDate });
        return row is null ? null : new LeaderboardSnapshotRecord
        {
            Board = row.Board,
            ContestDate = row.ContestDate,
            GeneratedAt = row.GeneratedAt,
            FinalizedAt = row.FinalizedAt,
            Entries = JsonSerializer.Deserialize<List<LeaderboardEntryRecord>>(row.Entries, Json) ?? [],
        };
    }

    /// <summary>Stores the snapshot unless one exists for that board and day: the first writer wins and
    /// every reader then sees the same frozen board. True when this call wrote it.</summary>
    public async Task<bool> InsertSnapshotAsync(LeaderboardSnapshotRecord snapshot, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            "INSERT INTO leaderboard_snapshots (board, contest_date, generated_at, finalized_at, entries) " +
            "VALUES (@Board, @ContestDate, @GeneratedAt, @FinalizedAt, @Entries) ON CONFLICT (board, contest_date) DO NOTHING",
            new
            {
                snapshot.Board,
                snapshot.ContestDate,
                snapshot.GeneratedAt,
                snapshot.FinalizedAt,
                Entries = JsonSerializer.Serialize(snapshot.Entries, Json),
            }) == 1;
    }

    private sealed record SnapshotRow
    {
        public string Board { get; init; } = "";
        public string ContestDate { get; init; } = "";
        public DateTimeOffset GeneratedAt { get; init; }
        public DateTimeOffset FinalizedAt { get; init; }
        public string Entries { get; init; } = "";
    }
}
