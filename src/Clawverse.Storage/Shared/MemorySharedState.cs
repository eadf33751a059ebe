using System.Collections.Concurrent;

namespace Clawverse.Storage.Shared;

/// <summary>Window counters in process memory, for a single node; windows that ended are swept as new ones open.</summary>
public sealed class MemoryWindowCounters(TimeProvider time) : IWindowCounters
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    public ValueTask<WindowCount> IncrementAsync(string bucket, TimeSpan window)
    {
        var now = time.GetUtcNow();
        SweepIfDue(now);
        var open = _windows.AddOrUpdate(bucket,
            _ => new Window(now + window),
            (_, existing) => existing.EndsAt <= now ? new Window(now + window) : existing);
        return ValueTask.FromResult(new WindowCount(Interlocked.Increment(ref open.Count), open.EndsAt));
    }

    public ValueTask<WindowCount?> PeekAsync(string bucket) =>
        ValueTask.FromResult(_windows.TryGetValue(bucket, out var open) && open.EndsAt > time.GetUtcNow()
            ? new WindowCount(Interlocked.Read(ref open.Count), open.EndsAt)
            : (WindowCount?)null);

    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, now.AddMinutes(1).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var (bucket, open) in _windows)
        {
            if (open.EndsAt <= now)
            {
                _windows.TryRemove(new KeyValuePair<string, Window>(bucket, open));
            }
        }
    }

    private sealed class Window(DateTimeOffset endsAt)
    {
        public readonly DateTimeOffset EndsAt = endsAt;
        public long Count;
    }
}

/// <summary>Cache generations in process memory, for a single node.</summary>
public sealed class MemoryCacheGenerations : ICacheGenerations
{
    private readonly ConcurrentDictionary<string, StrongBox> _generations = new(StringComparer.Ordinal);

    public ValueTask<long> CurrentAsync(string cache) => ValueTask.FromResult(Interlocked.Read(ref Box(cache).Value));

    public ValueTask AdvanceAsync(string cache)
    {
        Interlocked.Increment(ref Box(cache).Value);
        return ValueTask.CompletedTask;
    }

    private StrongBox Box(string cache) => _generations.GetOrAdd(cache, _ => new StrongBox());

    private sealed class StrongBox
    {
        public long Value;
    }
}

/// <summary>A node alone leads: it runs every background job.</summary>
public sealed class SingleNodeLeadership : ILeadership
{
    public bool IsLeader => true;

    public CancellationToken Term => CancellationToken.None;

    public Task WaitUntilLeaderAsync(CancellationToken ct) => Task.CompletedTask;
}
