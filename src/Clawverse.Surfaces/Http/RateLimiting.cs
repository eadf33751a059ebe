using Clawverse.Storage.Shared;

namespace Clawverse.Surfaces.Http;

public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt);

/// <summary>Fixed-window rate limits over the installation's window counters: in memory on a single node, in Redis
/// when several nodes share the budget (so a limit of N allows N in total, whichever node a request reaches).</summary>
public sealed class FixedWindowRateLimiter(IWindowCounters counters, TimeProvider time)
{
    public async ValueTask<RateLimitDecision> AcquireAsync(string bucket, RateLimitRule rule)
    {
        var (count, endsAt) = await counters.IncrementAsync(bucket, rule.Window);
        return new RateLimitDecision(count <= rule.Limit, rule.Limit, (int)Math.Max(0, rule.Limit - count), endsAt);
    }

    /// <summary>Where the bucket stands without spending from it (rate-limit headers and listings).</summary>
    public async ValueTask<RateLimitDecision> PeekAsync(string bucket, RateLimitRule rule) =>
        await counters.PeekAsync(bucket) is { } open
            ? new RateLimitDecision(open.Count < rule.Limit, rule.Limit, (int)Math.Max(0, rule.Limit - open.Count), open.EndsAt)
            : new RateLimitDecision(true, rule.Limit, rule.Limit, time.GetUtcNow() + rule.Window);
}
