using System.Diagnostics;

namespace Clawverse.Bench;

/// <summary>Seeds (or reuses) the datasets, starts a Release server on each, runs the read scenarios on all of them
/// in alternation (so that the machine's drift hits both sides of the cost-growth comparison alike), then the write
/// and image scenarios on the main dataset, and writes the report.</summary>
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

        var datasets = new List<Dataset>();
        foreach (var scale in scales)
        {
            datasets.Add(await Dataset.OpenOrSeedAsync(options, scale, images.Templates, log, ct));
        }

        var main = datasets[^1];
        var pool = await MediaPool.PrepareAsync(main, PostCreatePool, ct);
        var runs = await RunAsync(options, datasets, images, pool, log, ct);

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

    private sealed record Session(Dataset Data, ServerProcess Server, BenchClient Client, Scenarios Scenarios, double IdleRssMb)
    {
        public List<Row> Rows { get; } = [];
    }

    private static async Task<List<DatasetRun>> RunAsync(
        BenchOptions options, List<Dataset> datasets, BenchImages images, List<Guid> pool, TextWriter log, CancellationToken ct)
    {
        var sessions = new List<Session>();
        try
        {
            foreach (var data in datasets)
            {
                var server = await ServerProcess.StartAsync(options.ServerPath, data.ServerArguments, ct);
                var client = new BenchClient(server.BaseUrl, Math.Max(options.Connections, 8));
                var label = SeedScale.Short(data.Scale.Posts);
                sessions.Add(new Session(data, server, client, new Scenarios(server, client, data, options, log, label), 0));
                await server.WaitIdleAsync(ct);
                sessions[^1] = sessions[^1] with { IdleRssMb = server.RssMb };
                log.WriteLine($"==> {label} posts ({options.Engine}): server pid {server.Pid} at {server.BaseUrl}, idle RSS {server.RssMb:0} MB");
            }

            var steps = new List<List<ReadStep>>();
            foreach (var session in sessions)
            {
                steps.Add((await session.Scenarios.ReadStepsAsync(ct)).Where(s => s.IsCeiling || options.Picks(s.Name)).ToList());
            }

            log.WriteLine($"==> read scenarios{(sessions.Count > 1 ? ", alternating between the datasets" : "")}");
            for (var i = 0; i < steps[0].Count; i++)
            {
                for (var s = 0; s < sessions.Count; s++)
                {
                    sessions[s].Rows.Add(await steps[s][i].Run(ct));
                }
            }

            var main = sessions[^1];
            log.WriteLine("==> write and image scenarios");
            if (options.Picks("like toggle"))
            {
                main.Rows.Add(await main.Scenarios.LikeToggleAsync(ct));
            }

            // The comment scenario's posts take their media off the end of the pool: deleting those posts afterwards
            // releases their media, which post create must not be handed.
            var threadMedia = pool[^options.Connections..];
            if (options.Picks("post create"))
            {
                main.Rows.Add(await main.Scenarios.PostCreateAsync(pool[..^options.Connections], ct));
            }

            if (options.Picks("comment create"))
            {
                main.Rows.Add(await main.Scenarios.CommentCreateAsync(threadMedia, ct));
            }

            if (options.Picks("clawnet send"))
            {
                main.Rows.Add(await main.Scenarios.ClawNetSendAsync(ct));
            }

            if (options.Picks("image publish"))
            {
                main.Rows.AddRange(await new ImageScenario(main.Server, main.Client, main.Scenarios, main.Data, images, log).RunAsync(ct));
            }

            // Idle again: what each process keeps once the load is gone (the GC gives memory back over a few seconds).
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            var runs = new List<DatasetRun>();
            foreach (var session in sessions)
            {
                await session.Server.WaitIdleAsync(ct);
                runs.Add(new DatasetRun(session.Data, session.IdleRssMb, session.Server.RssMb, session.Rows));
            }

            return runs;
        }
        finally
        {
            foreach (var session in sessions)
            {
                session.Client.Dispose();
                await session.Server.DisposeAsync();
            }
        }
    }
}
