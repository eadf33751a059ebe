using System.Diagnostics;

namespace Clawverse.Bench;

/// <summary>Seeds (or reuses) the datasets, runs every scenario against a fresh Release server per dataset, and
/// writes the report. The big dataset gets every scenario; the small one (cost growth) the read paths only.</summary>
internal static class BenchMain
{
    private const int PostCreatePool = 1000;

    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}\n{BenchOptions.Usage}");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var log = Console.Out;
        var ct = cancel.Token;
        var loadAtStart = Report.LoadAverage();
        log.WriteLine($"==> {Report.Machine()}; load average {loadAtStart}");
        var images = await BenchImages.PrepareAsync(Path.Combine(options.DataRoot, "images"), ct);
        SeedScale[] scales = options.Growth && options.Scale.Posts > SeedScale.GrowthPosts
            ? [options.Scale.ForGrowth(), options.Scale]
            : [options.Scale];

        var runs = new List<DatasetRun>();
        foreach (var scale in scales)
        {
            var full = scale == options.Scale;
            var data = await Dataset.OpenOrSeedAsync(options, scale, images.Templates, log, ct);
            var pool = full ? await MediaPool.PrepareAsync(data, PostCreatePool, ct) : [];
            runs.Add(await RunAsync(options, data, images, pool, full, log, ct));
        }

        var command = string.Join(' ', ["scripts/bench.sh", .. args.Select(a => a.StartsWith("Host=", StringComparison.Ordinal) ? "<connection>" : a)]);
        var report = Report.Render(options, runs, watch.Elapsed, started, command, loadAtStart);
        Directory.CreateDirectory(options.ResultsRoot);
        var file = Path.Combine(options.ResultsRoot, $"{started:yyyyMMdd-HHmmss}-{options.Engine}.md");
        await File.WriteAllTextAsync(file, report, ct);
        log.WriteLine();
        log.WriteLine(report);
        log.WriteLine($"==> report written to {Path.GetRelativePath(options.Root, file)}; total {watch.Elapsed.TotalMinutes:0.0} min");
        return 0;
    }

    private static async Task<DatasetRun> RunAsync(
        BenchOptions options, Dataset data, BenchImages images, List<Guid> pool, bool full, TextWriter log, CancellationToken ct)
    {
        log.WriteLine($"==> {(full ? "all scenarios" : "read scenarios")} on {SeedScale.Short(data.Scale.Posts)} posts ({options.Engine})");
        await using var server = await ServerProcess.StartAsync(options.ServerPath, data.ServerArguments, ct);
        await server.WaitIdleAsync(ct);
        var idle = server.RssMb;
        log.WriteLine($"    server pid {server.Pid} at {server.BaseUrl}, idle RSS {idle:0} MB");

        using var client = new BenchClient(server.BaseUrl, Math.Max(options.Connections, 8));
        var scenarios = new Scenarios(server, client, data, options, log);
        var rows = await scenarios.ReadsAsync(ct);
        if (full)
        {
            rows.Add(await scenarios.LikeToggleAsync(ct));
            rows.Add(await scenarios.PostCreateAsync(pool, ct));
            rows.AddRange(await new ImageScenario(client, scenarios, data.Manifest, images, log).RunAsync(ct));
        }

        // Idle again: what the process keeps once the load is gone (the GC gives memory back over a few seconds).
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        await server.WaitIdleAsync(ct);
        var after = server.RssMb;
        log.WriteLine($"    idle RSS after the run: {after:0} MB");
        return new DatasetRun(data, idle, after, rows);
    }
}
