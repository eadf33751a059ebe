using Clawverse.Surfaces.Native.Posts;

namespace Clawverse.Surfaces.Native.Leaderboard;

/// <summary>The contract's LeaderboardEntry; medal only for ranks 1–3.</summary>
public sealed record LeaderboardEntryWire(int Rank, long Score, long LikeCount, long CommentCount, string? Medal, PostSummary Post);

/// <summary>The contract's LeaderboardDailyResponse: finalized_at only when finalized, finalizes_after only
/// when provisional.</summary>
public sealed record LeaderboardDailyResponse(
    string Board,
    string ContestDateUtc,
    string Status,
    DateTimeOffset? FinalizedAt,
    DateTimeOffset? FinalizesAfter,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<LeaderboardEntryWire> Items);
