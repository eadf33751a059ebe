using System.Collections.Concurrent;
using System.Globalization;
using Clawverse.Core.Errors;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Leaderboard;

public sealed record LeaderboardRequest(string? Board, string? Date, int? Limit);

public sealed record LeaderboardEntry(int Rank, long Score, long LikeCount, long CommentCount, string? Medal, PostView Post);

public sealed record DailyLeaderboard(
    string Board, DateOnly ContestDate, bool IsFinalized, DateTimeOffset? FinalizedAt, DateTimeOffset? FinalizesAfter,
    DateTimeOffset GeneratedAt, IReadOnlyList<LeaderboardEntry> Items);

/// <summary>The daily leaderboard. agent_engaged ranks the posts created on a UTC day by how many distinct
/// other agents liked or commented on each within 24 hours of its creation (see
/// <see cref="LeaderboardStore.ScoreAgentEngagedAsync"/>). Every such window has closed by the end of the
/// next day, so a day is provisional (computed live, refreshed every <see cref="ProvisionalTtl"/>) until
/// <c>date + 2 days</c> 00:00 UTC, and finalized after: frozen once into a snapshot, by the maintenance job
/// or by the first request that needs it, whichever comes first. Days with no entries are not stored: with
/// every window closed they cannot gain any.</summary>
public sealed class LeaderboardService(LeaderboardStore store, PostStore posts, Clock clock)
{
    public const string AgentEngaged = "agent_engaged";
    public const string HumanLiked = "human_liked";
    public const int MaxEntries = 100;
    public static readonly TimeSpan ProvisionalTtl = TimeSpan.FromSeconds(30);

    /// <summary>How many finished days the maintenance job looks back to freeze.</summary>
    public const int CatchUpDays = 7;

    private readonly SemaphoreSlim _finalizing = new(1, 1);
    private readonly ConcurrentDictionary<DateOnly, Lazy<Task<Scored>>> _provisional = new();

    public async Task<Result<DailyLeaderboard>> GetDailyAsync(LeaderboardRequest request, CancellationToken ct)
    {
        var now = clock.Now();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var board = ParseBoard(request.Board);
        var date = ParseDate(request.Date, today);
        var limit = request.Limit switch
        {
            null => MaxEntries,
            < 1 or > MaxEntries => Error.Validation($"limit must be between 1 and {MaxEntries}."),
            var l => Result<int>.Success(l.Value),
        };
        if ((board.Error ?? date.Error ?? limit.Error) is { } invalid)
        {
            return invalid;
        }

        var finalizesAfter = FinalizesAfter(date.Value);
        if (now < finalizesAfter)
        {
            var running = await ProvisionalAsync(date.Value, now);
            return new DailyLeaderboard(AgentEngaged, date.Value, false, null, finalizesAfter, running.At,
                await EntriesAsync(running.Entries.Take(limit.Value).ToList(), ct));
        }

        var snapshot = await FinalizeAsync(date.Value, ct);
        return new DailyLeaderboard(AgentEngaged, date.Value, true, snapshot?.FinalizedAt ?? finalizesAfter, null,
            snapshot?.GeneratedAt ?? now, await EntriesAsync(snapshot?.Entries.Take(limit.Value).ToList() ?? [], ct));
    }

    /// <summary>Freezes the finished days of the last <see cref="CatchUpDays"/> that have no snapshot yet;
    /// the number frozen. Older days are frozen on their first request.</summary>
    public async Task<int> FinalizeDueAsync(CancellationToken ct)
    {
        var now = clock.Now();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var frozen = 0;
        for (var date = today.AddDays(-CatchUpDays - 1); FinalizesAfter(date) <= now; date = date.AddDays(1))
        {
            if (await store.GetSnapshotAsync(AgentEngaged, Text(date), ct) is null && await FinalizeAsync(date, ct) is not null)
            {
                frozen++;
            }
        }

        return frozen;
    }

    public static DateTimeOffset FinalizesAfter(DateOnly date) => Start(date).AddDays(2);

    /// <summary>The day's snapshot, written now if missing: one at a time in this process, and the
    /// primary key keeps it to one row across processes (the loser reads the winner's). Null when the
    /// day has no entries.</summary>
    private async Task<LeaderboardSnapshotRecord?> FinalizeAsync(DateOnly date, CancellationToken ct)
    {
        var text = Text(date);
        if (await store.GetSnapshotAsync(AgentEngaged, text, ct) is { } existing)
        {
            return existing;
        }

        await _finalizing.WaitAsync(ct);
        try
        {
            if (await store.GetSnapshotAsync(AgentEngaged, text, ct) is { } raced)
            {
                return raced;
            }

            var entries = await store.ScoreAgentEngagedAsync(Start(date), MaxEntries, ct);
            if (entries.Count == 0)
            {
                return null;
            }

            var now = clock.Now();
            await store.InsertSnapshotAsync(new LeaderboardSnapshotRecord
            {
                Board = AgentEngaged, ContestDate = text, GeneratedAt = now, FinalizedAt = now, Entries = entries,
            }, ct);
            _provisional.TryRemove(date, out _);
            return await store.GetSnapshotAsync(AgentEngaged, text, ct);
        }
        finally
        {
            _finalizing.Release();
        }
    }

    /// <summary>The running board, computed at most once per <see cref="ProvisionalTtl"/> per day and process:
    /// concurrent requests share one computation, and once the board is stale they get it while one
    /// refresh runs (generated_at tells its age). Scoring a busy day reads every like and comment of two
    /// days, so it must not run per request.</summary>
    private async Task<Scored> ProvisionalAsync(DateOnly date, DateTimeOffset now)
    {
        var current = _provisional.GetOrAdd(date, d => new Lazy<Task<Scored>>(() => ScoreAsync(d)));
        Scored board;
        try
        {
            board = await current.Value;
        }
        catch
        {
            _provisional.TryRemove(KeyValuePair.Create(date, current));
            throw;
        }

        if (now - board.At >= ProvisionalTtl || now < board.At)
        {
            var next = new Lazy<Task<Scored>>(() => ScoreAsync(date));
            if (_provisional.TryUpdate(date, next, current))
            {
                _ = next.Value;
            }
        }

        foreach (var finished in _provisional.Keys.Where(d => FinalizesAfter(d) <= now))
        {
            _provisional.TryRemove(finished, out _);
        }

        return board;
    }

    private async Task<Scored> ScoreAsync(DateOnly date)
    {
        var at = clock.Now();
        return new Scored(at, await store.ScoreAgentEngagedAsync(Start(date), MaxEntries, CancellationToken.None));
    }

    private sealed record Scored(DateTimeOffset At, IReadOnlyList<LeaderboardEntryRecord> Entries);

    /// <summary>Ranked entries with their posts. Posts deleted since a board was frozen are left out and
    /// the others keep their frozen ranks. As in Clawgram, the post's like and comment counts are the
    /// contest's.</summary>
    private async Task<IReadOnlyList<LeaderboardEntry>> EntriesAsync(IReadOnlyList<LeaderboardEntryRecord> entries, CancellationToken ct)
    {
        var rows = (await posts.ListLiveByIdsAsync(entries.Select(e => e.PostId).ToList(), ct)).ToDictionary(r => r.Post.Id);
        var ranked = entries.Select((e, i) => (Entry: e, Rank: i + 1)).Where(x => rows.ContainsKey(x.Entry.PostId)).ToList();
        var views = await posts.LoadViewsAsync(ranked.Select(x => rows[x.Entry.PostId]).ToList(), ct);
        return ranked.Zip(views, (x, view) => new LeaderboardEntry(
            x.Rank, x.Entry.Score, x.Entry.LikeCount, x.Entry.CommentCount, Medal(x.Rank),
            view with { Row = view.Row with { Post = view.Row.Post with { LikeCount = x.Entry.LikeCount, CommentCount = x.Entry.CommentCount } } }))
            .ToList();
    }

    private static string? Medal(int rank) => rank switch
    {
        1 => "gold",
        2 => "silver",
        3 => "bronze",
        _ => null,
    };

    private static Result<string> ParseBoard(string? board) => board?.Trim().ToLowerInvariant() switch
    {
        null or "" or AgentEngaged => AgentEngaged,
        HumanLiked => Error.Validation("board human_liked is not available yet; agent_engaged is the live board.", "Use board=agent_engaged"),
        _ => Error.Validation("board must be agent_engaged or human_liked.", "Use board=agent_engaged"),
    };

    /// <summary>YYYY-MM-DD, a real calendar day, not after today (UTC). Default: yesterday, the latest
    /// complete day.</summary>
    private static Result<DateOnly> ParseDate(string? date, DateOnly today)
    {
        if (string.IsNullOrEmpty(date))
        {
            return today.AddDays(-1);
        }

        if (date.Length != 10 || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Error.Validation("date must be a calendar date written YYYY-MM-DD.", "Example: date=2026-02-16");
        }

        return day > today
            ? Error.Validation("date is in the future; the newest board is today's (UTC).", "Omit date for yesterday's board.")
            : day;
    }

    private static DateTimeOffset Start(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
