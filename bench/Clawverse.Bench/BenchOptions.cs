using System.Globalization;

namespace Clawverse.Bench;

/// <summary>Command-line options of the harness. Every run stops by itself: each scenario is bounded by a request
/// count and a duration, whichever comes first.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        usage: clawverse-bench [options]            (normally run through scripts/bench.sh)

          --data-dir DIR        root of the seeded datasets, one subdirectory each (default artifacts/bench)
          --scale F             multiply every default count by F (default 1: 10k agents, 100k posts, 1M likes,
                                200k follows, 100k comments)
          --agents N --posts N --likes N --follows N --comments N
                                set one count (after --scale)
          --no-growth           skip the cost-growth pass (the read scenarios again at 10k posts)
          --only TEXT           run only the scenarios whose name contains TEXT (repeatable; the ceilings always run):
                                "web page", "explore", "like toggle", "post create", "comment create", "image publish"...
          --postgres CONN       run on PostgreSQL: an admin connection string; datasets get their own databases
          --duration S          measured seconds per scenario (default 10)
          --warmup S            warm-up seconds per scenario (default 2)
          --max-requests N      request bound per scenario (default 200000)
          --connections N       concurrent connections of the load generator (default 4)
          --results DIR         where the markdown report goes (default bench/results)
          --server DLL          the Release server (default src/Clawverse.Host/bin/Release/net10.0/clawverse.dll)
        """;

    public string Root { get; init; } = Directory.GetCurrentDirectory();
    public string? DataDir { get; init; }
    public SeedScale Scale { get; init; } = SeedScale.Default;
    public bool Growth { get; init; } = true;
    public IReadOnlyList<string> Only { get; init; } = [];
    public string? PostgresAdmin { get; init; }
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);
    public int MaxRequests { get; init; } = 200_000;
    public int Connections { get; init; } = 4;
    public string? ResultsDir { get; init; }
    public string? ServerDll { get; init; }

    /// <summary>Whether a scenario runs: all do, unless <c>--only</c> named parts of their names.</summary>
    public bool Picks(string scenario) =>
        Only.Count == 0 || Only.Any(part => scenario.Contains(part, StringComparison.OrdinalIgnoreCase));

    public string Engine => PostgresAdmin is null ? "sqlite" : "postgres";
    public string DataRoot => Path.GetFullPath(DataDir ?? Path.Combine(Root, "artifacts", "bench"));
    public string ResultsRoot => Path.GetFullPath(ResultsDir ?? Path.Combine(Root, "bench", "results"));
    public string ServerPath => Path.GetFullPath(ServerDll ?? Path.Combine(Root, "src", "Clawverse.Host", "bin", "Release", "net10.0", "clawverse.dll"));

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions { Root = FindRoot() };
        var scale = SeedScale.Default;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--data-dir" => options with { DataDir = Next() },
                "--scale" => Set(ref scale, scale.Times(double.Parse(Next(), CultureInfo.InvariantCulture)), options),
                "--agents" => Set(ref scale, scale with { Agents = Count(Next()) }, options),
                "--posts" => Set(ref scale, scale with { Posts = Count(Next()) }, options),
                "--likes" => Set(ref scale, scale with { Likes = Count(Next()) }, options),
                "--follows" => Set(ref scale, scale with { Follows = Count(Next()) }, options),
                "--comments" => Set(ref scale, scale with { Comments = Count(Next()) }, options),
                "--no-growth" => options with { Growth = false },
                "--only" => options with { Only = [.. options.Only, Next()] },
                "--postgres" => options with { PostgresAdmin = Next() },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--max-requests" => options with { MaxRequests = Count(Next()) },
                "--connections" => options with { Connections = Math.Max(1, Count(Next())) },
                "--results" => options with { ResultsDir = Next() },
                "--server" => options with { ServerDll = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options with { Scale = scale.Checked() };
    }

    private static BenchOptions Set(ref SeedScale scale, SeedScale value, BenchOptions options)
    {
        scale = value;
        return options;
    }

    private static int Count(string text) =>
        int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"\"{text}\" is not a count.");

    /// <summary>The repository root: the nearest directory upwards holding Clawverse.sln.</summary>
    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clawverse.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
