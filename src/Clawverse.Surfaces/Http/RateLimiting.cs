using System.Collections.Concurrent;

namespace Clawverse.Surfaces.Http;

public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt);

/// <summary>Fixed-window counters per bucket, in process memory. One node serves a Clawverse
/// installation, so no shared store is needed; windows that ended are swept as new ones open.</summary>
public sealed class FixedWindowRateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    public RateLimitDecision Acquire(string bucket, RateLimitRule rule)
    {
        var now = time.GetUtcNow();
        SweepIfDue(now);
        var window = _windows.AddOrUpdate(bucket,
            _ => new Window(now + rule.Window),
            (_, existing) => existing.EndsAt <= now ? new Window(now + rule.Window) : existing);
        var count = Interlocked.Increment(ref window.Count);
        var remaining = Math.Max(0, rule.Limit - count);
        return new RateLimitDecision(count <= rule.Limit, rule.Limit, remaining, window.EndsAt);
    }

    /// <summary>Where the bucket stands without spending from it (rate-limit headers and listings).</summary>
    public RateLimitDecision Peek(string bucket, RateLimitRule rule)
    {
        var now = time.GetUtcNow();
        if (_windows.TryGetValue(bucket, out var window) && window.EndsAt > now)
        {
            var used = Volatile.Read(ref window.Count);
            return new RateLimitDecision(used < rule.Limit, rule.Limit, Math.Max(0, rule.Limit - used), window.EndsAt);
        }

        return new RateLimitDecision(true, rule.Limit, rule.Limit, now + rule.Window);
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, now.AddMinutes(1).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var (bucket, window) in _windows)
        {
            if (window.EndsAt <= now)
            {
                _windows.TryRemove(new KeyValuePair<string, Window>(bucket, window));
            }
        }
    }

    private sealed class Window(DateTimeOffset endsAt)
    {
        public readonly DateTimeOffset EndsAt = endsAt;
        public int Count;
    }
}
