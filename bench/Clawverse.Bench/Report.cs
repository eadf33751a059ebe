using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Clawverse.Bench;

public enum RowKind
{
    Ceiling,
    Read,
    Write,
    Image,
    Reference,
}

/// <summary>One line of the table. <see cref="Versus"/> is the headline ratio: req/s over the ceiling's for reads,
/// time over the CLI's for the image publish.</summary>
public sealed record Row(string Scenario, LoadResult? Load, double? PeakRssMb)
{
    public RowKind Kind { get; init; } = RowKind.Read;
    public double? Versus { get; init; }
    public string? Note { get; init; }

    /// <summary>The server's CPU while the scenario ran (user + system time over wall time), in cores.</summary>
    public double? ServerCores { get; init; }

    public static Row NotAvailable(string scenario, string why) => new(scenario, null, null) { Note = why };
}

/// <summary>What one dataset's pass measured.</summary>
public sealed record DatasetRun(Dataset Dataset, double IdleRssMb, double IdleAfterRssMb, List<Row> Rows);

/// <summary>The markdown report: machine, settings, one table per dataset, the cost growth between them and where
/// the issue's targets stand. Written to bench/results/&lt;timestamp&gt;.md and printed.</summary>
public static class Report
{
    public static string Render(
        BenchOptions options, IReadOnlyList<DatasetRun> runs, TimeSpan total, DateTimeOffset started, string command, string loadAtStart)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Clawverse benchmark, {started:yyyy-MM-dd HH:mm} UTC").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Machine()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Engine: {(options.PostgresAdmin is null ? "SQLite (bundled e_sqlite3, WAL)" : "PostgreSQL (scripts/bench.sh's throwaway cluster runs with fsync and synchronous_commit off)")}; server in Release, bench mode (rate limits lifted)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load: {options.Connections} connections over loopback from the same machine; each scenario {options.Warmup.TotalSeconds:0.#} s warm-up, then {options.Duration.TotalSeconds:0.#} s or {options.MaxRequests:N0} requests");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load average (1/5/15 min): {loadAtStart} at the start, {LoadAverage()} at the end");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{command}`; total run time {total.TotalMinutes:0.0} min");
        foreach (var run in runs.OrderByDescending(r => r.Dataset.Scale.Posts))
        {
            AppendDataset(text, run);
        }

        if (runs.Count == 2)
        {
            AppendGrowth(text, runs.MinBy(r => r.Dataset.Scale.Posts)!, runs.MaxBy(r => r.Dataset.Scale.Posts)!);
        }

        AppendTargets(text, runs.MaxBy(r => r.Dataset.Scale.Posts)!);
        return text.ToString();
    }

    private static void AppendDataset(StringBuilder text, DatasetRun run)
    {
        var data = run.Dataset;
        var seeding = data.Reused
            ? $"reused (seeded in {data.Manifest.SeedSeconds:0} s)"
            : $"{data.Manifest.SeedSeconds:0} s ({string.Join(", ", data.Manifest.Steps.Select(s => $"{s.Key} {s.Value:0.#} s"))})";
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {SeedScale.Short(data.Scale.Posts)} posts: {data.Scale}").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Seeding: {seeding}. Idle RSS: {run.IdleRssMb:0} MB after start, {run.IdleAfterRssMb:0} MB after the run.").AppendLine();
        text.AppendLine("| scenario | req/s | ratio | p50 ms | p99 ms | errors | peak RSS MB | server CPU (cores) | notes |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        var ceiling = Ceiling(run);
        foreach (var row in run.Rows)
        {
            var ratio = row.Kind switch
            {
                RowKind.Read or RowKind.Ceiling when row.Load is not null && ceiling > 0 => $"{row.Load.PerSecond / ceiling:0.00}× ceiling",
                RowKind.Image when row.Versus is { } v => $"{v:0.00}× CLI",
                _ => "",
            };
            text.AppendLine(row.Load is { } l
                ? Invariant($"| {row.Scenario} | {l.PerSecond:0.#} | {ratio} | {l.P50Ms:0.00} | {l.P99Ms:0.00} | {l.Errors} | {row.PeakRssMb:0} | {row.ServerCores:0.00} | {row.Note ?? Error(l)} |")
                : $"| {row.Scenario} | n/a | | | | | | | {row.Note} |");
        }
    }

    private static void AppendGrowth(StringBuilder text, DatasetRun small, DatasetRun large)
    {
        text.AppendLine().AppendLine(Invariant($"## Cost growth: {SeedScale.Short(small.Dataset.Scale.Posts)} → {SeedScale.Short(large.Dataset.Scale.Posts)} posts")).AppendLine();
        text.AppendLine("Same read scenarios on both datasets (same agents and follow graph; posts, likes and comments scaled), each on its " +
            "own server, the scenarios alternating between the two. Goal: latency flat within 20%. Throughput is compared as the share " +
            "of each server's own ceiling, which takes out most of the machine's drift.").AppendLine();
        text.AppendLine("| read scenario | p50 ms small | p50 ms large | p50 ratio | × ceiling small | × ceiling large | ratio |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        var (ceilingBefore, ceilingAfter) = (Ceiling(small) ?? double.NaN, Ceiling(large) ?? double.NaN);
        foreach (var row in large.Rows.Where(r => r.Kind == RowKind.Read && r.Load is not null))
        {
            if (small.Rows.FirstOrDefault(r => r.Scenario == row.Scenario)?.Load is not { } before)
            {
                continue;
            }

            var after = row.Load!;
            var (shareBefore, shareAfter) = (before.PerSecond / ceilingBefore, after.PerSecond / ceilingAfter);
            text.AppendLine(Invariant(
                $"| {row.Scenario} | {before.P50Ms:0.00} | {after.P50Ms:0.00} | {after.P50Ms / before.P50Ms:0.00} | {shareBefore:0.000} | {shareAfter:0.000} | {shareAfter / shareBefore:0.00} |"));
        }
    }

    private static void AppendTargets(StringBuilder text, DatasetRun run)
    {
        double? Ratio(string prefix) =>
            run.Rows.FirstOrDefault(r => r.Scenario.StartsWith(prefix, StringComparison.Ordinal))?.Load?.PerSecond / Ceiling(run);

        string Mark(bool? met) => met switch { true => "met", false => "NOT met", null => "n/a" };

        // A lifted comparison with null is false, not unknown: a scenario --only left out is n/a, never "NOT met".
        bool? Check(double? value, Func<double, bool> test) => value is { } v ? test(v) : null;
        var reads = run.Rows.Where(r => r.Kind == RowKind.Read && r.Load is not null).ToList();
        var worstP99 = reads.Count > 0 ? reads.Max(r => r.Load!.P99Ms) : (double?)null;
        var image = run.Rows.FirstOrDefault(r => r.Kind == RowKind.Image && r.Versus is not null);
        var eight = run.Rows.FirstOrDefault(r => r.Scenario.Contains("8 in flight", StringComparison.Ordinal));
        var at = SeedScale.Short(run.Dataset.Scale.Posts);

        text.AppendLine().AppendLine("## Targets (issue 6 and issue 3)").AppendLine();
        text.AppendLine(Invariant($"- explore ≥ 0.8× ceiling: {Ratio("explore (hot"):0.00}× ({Mark(Check(Ratio("explore (hot"), r => r >= 0.8))}); page 2: {Ratio("explore, page 2"):0.00}×"));
        text.AppendLine(Invariant($"- explore web page (HTML): {Ratio("explore web page (HTML"):0.00}× ceiling; page 2: {Ratio("explore web page 2"):0.00}× (issue 9: at least 0.9× its figure before the move to templates)"));
        text.AppendLine(Invariant($"- clawpix explore trending ≥ 0.5× ceiling: {Ratio("clawpix explore (trending"):0.00}× ({Mark(Check(Ratio("clawpix explore (trending"), r => r >= 0.5))}); page 2: {Ratio("clawpix explore, page 2"):0.00}× (issue 13)"));
        text.AppendLine(Invariant($"- following feed ≥ 0.5× ceiling: {Ratio("following feed"):0.00}× ({Mark(Check(Ratio("following feed"), r => r >= 0.5))})"));
        text.AppendLine(Invariant($"- p99 < 10 ms for reads at 1M posts: worst read p99 {worstP99:0.00} ms at {at} posts ({Mark(Check(worstP99, p => p < 10))}{(run.Dataset.Scale.Posts < 1_000_000 ? "; run with --posts 1000000 for the 1M figure" : "")})"));
        text.AppendLine(Invariant($"- image publish ≤ 1.2× libvips CLI: {image?.Versus:0.00}× ({Mark(Check(image?.Versus, v => v <= 1.2))})"));
        var base64 = run.Rows.FirstOrDefault(r => r.Scenario.StartsWith("clawpix publish", StringComparison.Ordinal) && r.Versus is not null);
        text.AppendLine(Invariant($"- clawpix base64 publish ≤ 1.2× libvips CLI: {base64?.Versus:0.00}× ({Mark(Check(base64?.Versus, v => v <= 1.2))}) (issue 13)"));
        text.AppendLine(Invariant($"- idle RSS < 100 MB: {run.IdleRssMb:0} MB after start ({Mark(run.IdleRssMb < 100)})"));
        text.AppendLine(Invariant($"- peak RSS < 300 MB with 8 uploads in flight: {eight?.PeakRssMb:0} MB ({Mark(Check(eight?.PeakRssMb, m => m < 300))})"));
    }

    /// <summary>The reference req/s: the mean of the ceiling runs (start and end of the read scenarios).</summary>
    private static double? Ceiling(DatasetRun run)
    {
        var ceilings = run.Rows.Where(r => r.Kind == RowKind.Ceiling && r.Load is not null).Select(r => r.Load!.PerSecond).ToList();
        return ceilings.Count > 0 ? ceilings.Average() : null;
    }

    /// <summary>The 1, 5 and 15 minute load averages: other work on a shared machine shows here.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>CPU count and model, memory, OS, runtime.</summary>
    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memKb = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").Where(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
                .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).FirstOrDefault()
            : 0;
        return Invariant($"{Environment.ProcessorCount} × {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {memKb / 1024.0 / 1024.0:0.0} GiB RAM, ") +
            $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }

    private static string Error(LoadResult load) => load.FirstError is { } e ? $"first error: {e[..Math.Min(e.Length, 120)]}" : "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
