using System.Diagnostics;

namespace Clawverse.Bench;

/// <summary>When a load run stops: after <see cref="MaxRequests"/> operations or <see cref="Duration"/>,
/// whichever comes first, with <see cref="Connections"/> operations in flight.</summary>
public sealed record LoadLimits(int Connections, int MaxRequests, TimeSpan Duration, TimeSpan Warmup);

/// <summary>One operation of a worker: true when the answer was the expected one. Exceptions count as errors.</summary>
public delegate Task<bool> Operation(int worker, CancellationToken ct);

public sealed record LoadResult(long Requests, long Errors, double Seconds, double P50Ms, double P99Ms, string? FirstError)
{
    public double PerSecond => Seconds > 0 ? Requests / Seconds : 0;
}

/// <summary>A closed-loop load generator: N workers each issue one operation, wait for its answer, issue the next.
/// Latencies of the measured phase go into one sorted array (a few hundred thousand longs at most), from which
/// p50 and p99 are read exactly. The warm-up phase runs the same workers and is thrown away.</summary>
public static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(LoadLimits limits, Operation operation, CancellationToken ct)
    {
        if (limits.Warmup > TimeSpan.Zero)
        {
            await MeasureAsync(limits with { Duration = limits.Warmup, MaxRequests = int.MaxValue }, operation, ct);
        }

        return await MeasureAsync(limits, operation, ct);
    }

    private static async Task<LoadResult> MeasureAsync(LoadLimits limits, Operation operation, CancellationToken ct)
    {
        long issued = 0, errors = 0;
        string? firstError = null;
        var latencies = new List<long>[limits.Connections];
        var clock = Stopwatch.StartNew();

        async Task Worker(int worker)
        {
            var mine = latencies[worker] = new List<long>(4096);
            while (clock.Elapsed < limits.Duration && Interlocked.Increment(ref issued) <= limits.MaxRequests && !ct.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await operation(worker, ct);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or InvalidOperationException)
                {
                    ok = false;
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                }

                mine.Add(Stopwatch.GetTimestamp() - started);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }

        // Task.Run: each worker starts on the pool at once instead of running its first request inline.
        await Task.WhenAll(Enumerable.Range(0, limits.Connections).Select(w => Task.Run(() => Worker(w), ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l ?? []).ToArray();
        Array.Sort(all);
        return new LoadResult(all.Length, errors, seconds, Percentile(all, 0.50), Percentile(all, 0.99), firstError);
    }

    /// <summary>A result from latencies measured elsewhere (a few timed repetitions), in milliseconds.</summary>
    public static LoadResult FromSamples(IEnumerable<double> milliseconds, long errors)
    {
        var sorted = milliseconds.Select(ms => (long)(ms * Stopwatch.Frequency / 1000.0)).Order().ToArray();
        var seconds = sorted.Sum() / (double)Stopwatch.Frequency;
        return new LoadResult(sorted.Length, errors, seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), null);
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[(int)Math.Ceiling(p * sorted.Length) - 1] * 1000.0 / Stopwatch.Frequency;
}
