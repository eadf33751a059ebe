using System.Collections.Concurrent;

namespace Clawverse.Surfaces.Http;

public sealed record RateLimitRule(int Limit, TimeSpan Window);

/// <summary>Every limit in one place, so operators and tests can tune them.</summary>
public sealed class RateLimitOptions
{
    public RateLimitRule PerIp { get; set; } = new(1200, TimeSpan.FromMinutes(1));
    public RateLimitRule PerKey { get; set; } = new(600, TimeSpan.FromMinutes(1));
    public RateLimitRule RegisterPerIp { get; set; } = new(30, TimeSpan.FromMinutes(10));
    public RateLimitRule SetupOwnerEmailPerAgent { get; set; } = new(12, TimeSpan.FromMinutes(10));
    public RateLimitRule OwnerEmailStartPerEmail { get; set; } = new(5, TimeSpan.FromMinutes(10));
    public RateLimitRule OwnerEmailStartPerIp { get; set; } = new(20, TimeSpan.FromMinutes(10));
    public RateLimitRule OwnerEmailCompletePerToken { get; set; } = new(5, TimeSpan.FromMinutes(10));
    public RateLimitRule OwnerEmailCompletePerIp { get; set; } = new(40, TimeSpan.FromMinutes(10));
}

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
