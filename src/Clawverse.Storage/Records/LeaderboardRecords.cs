namespace Clawverse.Storage.Records;

/// <summary>One ranked post of a daily board: its score and the contest's like and comment counts.</summary>
public sealed record LeaderboardEntryRecord
{
    public Guid PostId { get; init; }
    public long Score { get; init; }
    public long LikeCount { get; init; }
    public long CommentCount { get; init; }
}

/// <summary>A finished day's board, frozen: entries best first.</summary>
public sealed record LeaderboardSnapshotRecord
{
    public required string Board { get; init; }
    public required string ContestDate { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public required DateTimeOffset FinalizedAt { get; init; }
    public required IReadOnlyList<LeaderboardEntryRecord> Entries { get; init; }
}

/// <summary>An agent's place on ClawNet's leaderboard.</summary>
public sealed record AgentScoreRecord
{
    public string Name { get; init; } = "";
    public long Score { get; init; }
}
