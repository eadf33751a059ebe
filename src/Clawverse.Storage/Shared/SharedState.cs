namespace Clawverse.Storage.Shared;

/// <summary>A fixed window's count after a hit, and when the window ends.</summary>
public readonly record struct WindowCount(long Count, DateTimeOffset EndsAt);

/// <summary>Fixed-window counters (rate limits, per-code check budgets). One node keeps them in memory; several
/// nodes share them in Redis, so a budget of N is N across the installation, not N per node.</summary>
public interface IWindowCounters
{
    /// <summary>Counts one hit in <paramref name="bucket"/>'s current window, opening a window of
    /// <paramref name="window"/> when none is open.</summary>
    ValueTask<WindowCount> IncrementAsync(string bucket, TimeSpan window);

    /// <summary>The open window's count without counting a hit; null when no window is open.</summary>
    ValueTask<WindowCount?> PeekAsync(string bucket);
}

/// <summary>Generation numbers for caches: a write that can change what a cache holds advances its generation, and a
/// cached entry is good only while the generation it was loaded under is current. Shared in Redis across nodes, so a
/// write through one node retires the entries every node holds.</summary>
public interface ICacheGenerations
{
    ValueTask<long> CurrentAsync(string cache);

    ValueTask AdvanceAsync(string cache);
}

/// <summary>Whether this node runs the installation's background jobs. One node does at a time: alone it always
/// does; beside others, the one holding the PostgreSQL advisory lock does (ADR 0012).</summary>
public interface ILeadership
{
    bool IsLeader { get; }

    /// <summary>Cancelled the moment this node stops leading (already cancelled while it follows): a job runs under it,
    /// so a pass that outlives its node's leadership stops instead of overlapping the new leader's.</summary>
    CancellationToken Term { get; }

    /// <summary>Completes when this node leads (at once when it already does).</summary>
    Task WaitUntilLeaderAsync(CancellationToken ct);
}
