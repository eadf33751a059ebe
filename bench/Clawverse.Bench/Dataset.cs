using System.Diagnostics;
using System.Text.Json;
using Clawverse.Core;
using Clawverse.Core.Outside.Fetch;
using Clawverse.Core.Outside.Moderation;
using Clawverse.Core.Outside.Sms;
using Clawverse.Core.Outside.Tweets;
using Clawverse.Host;
using Clawverse.Storage;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Clawverse.Bench;

/// <summary>What a seeded dataset holds beyond its rows: the bench agents' keys and samples to draw requests from.
/// Written last, as the marker that the directory is fully seeded.</summary>
public sealed record SeedManifest
{
    public string Engine { get; init; } = "";
    public required SeedScale Scale { get; init; }
    public required Guid ReaderId { get; init; }
    public required string ReaderKey { get; init; }
    public required Guid WriterId { get; init; }
    public required string WriterKey { get; init; }
    public required List<Guid> SamplePosts { get; init; }
    public required List<Guid> CommentedPosts { get; init; }
    public required List<string> SampleAgents { get; init; }
    public required DateTimeOffset SeededAt { get; init; }
    public required Dictionary<string, double> Steps { get; init; }
    public double SeedSeconds { get; init; }
}

/// <summary>One seeded data directory (SQLite file or a PostgreSQL database, blobs, server secret, marker), reused
/// by later runs when its marker matches the engine and scale asked for.</summary>
public sealed class Dataset
{
    public const string MarkerFile = "bench-seed.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private Dataset(string directory, string? connectionString, SeedManifest manifest, bool reused)
    {
        Directory = directory;
        ConnectionString = connectionString;
        Manifest = manifest;
        Reused = reused;
    }

    public string Directory { get; }

    /// <summary>The PostgreSQL database of this dataset; null on SQLite (the file in the directory).</summary>
    public string? ConnectionString { get; }

    public SeedManifest Manifest { get; }

    public bool Reused { get; }

    public SeedScale Scale => Manifest.Scale;

    /// <summary>The server's switches for this dataset: the same data directory and database the seeder used.</summary>
    public IReadOnlyList<string> ServerArguments =>
        ConnectionString is null ? ["--data-dir", Directory] : ["--data-dir", Directory, "--database", ConnectionString];

    public static async Task<Dataset> OpenOrSeedAsync(
        BenchOptions options, SeedScale scale, IReadOnlyList<string> templates, TextWriter log, CancellationToken ct)
    {
        var directory = Path.Combine(options.DataRoot, $"{options.Engine}-{scale.Slug}");
        var connection = options.PostgresAdmin is { } admin ? DatabaseFor(admin, scale) : null;
        var marker = Path.Combine(directory, MarkerFile);
        if (File.Exists(marker)
            && JsonSerializer.Deserialize<SeedManifest>(await File.ReadAllTextAsync(marker, ct), Json) is { } existing
            && existing.Scale == scale && existing.Engine == options.Engine
            && await HoldsAgentAsync(directory, connection, existing.ReaderId, ct))
        {
            log.WriteLine($"==> dataset {directory}: seeded earlier ({existing.SeedSeconds:0} s), reused");
            return new Dataset(directory, connection, existing, reused: true);
        }

        log.WriteLine($"==> seeding {scale} into {directory}");
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        System.IO.Directory.CreateDirectory(directory);
        if (options.PostgresAdmin is { } adminConnection)
        {
            await RecreateDatabaseAsync(adminConnection, new NpgsqlConnectionStringBuilder(connection).Database!, ct);
        }

        var watch = Stopwatch.StartNew();
        var time = new SeedTime();
        await using var services = BuildServices(directory, connection, time);
        var manifest = await new Seeder(services, time, scale, log).RunAsync(templates, ct);
        manifest = manifest with { Engine = options.Engine, SeedSeconds = Math.Round(watch.Elapsed.TotalSeconds, 1) };
        await File.WriteAllTextAsync(marker + ".tmp", JsonSerializer.Serialize(manifest, Json), ct);
        File.Move(marker + ".tmp", marker, overwrite: true);
        log.WriteLine($"==> seeded in {manifest.SeedSeconds:0.0} s");
        return new Dataset(directory, connection, manifest, reused: false);
    }

    /// <summary>The core services over this dataset, configured by the host's own HostSettings, so the data
    /// directory, database and server secret are exactly those the server will use.</summary>
    public ServiceProvider Services(TimeProvider? time = null) => BuildServices(Directory, ConnectionString, time);

    private static ServiceProvider BuildServices(string directory, string? connection, TimeProvider? time)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["data-dir"] = directory, ["database"] = connection })
            .Build();
        var settings = HostSettings.Load(config);
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddClawverseCore(settings.Options, settings.Database, settings.ServerSecret, settings.Smtp);
        services.AddGuardedFetch().AddTweetCheck(settings.TweetCheck).AddModeration(settings.Moderation)
            .AddSms(settings.Sms, settings.Options.OutboxDirectory);
        return services.BuildServiceProvider();
    }

    private static async Task<bool> HoldsAgentAsync(string directory, string? connection, Guid agentId, CancellationToken ct)
    {
        if (connection is null && !File.Exists(Path.Combine(directory, "clawverse.db")))
        {
            return false;
        }

        try
        {
            await using var services = BuildServices(directory, connection, null);
            await using var db = await services.GetRequiredService<Database>().OpenAsync(ct);
            return await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM agents WHERE id = @agentId", new { agentId }) == 1;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string DatabaseFor(string adminConnection, SeedScale scale) =>
        new NpgsqlConnectionStringBuilder(adminConnection)
        {
            Database = "cvbench_" + scale.Slug.Replace('-', '_'),
            MaxPoolSize = 100,
        }.ConnectionString;

    private static async Task RecreateDatabaseAsync(string adminConnection, string name, CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(adminConnection);
        await admin.OpenAsync(ct);
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await admin.ExecuteAsync($"CREATE DATABASE \"{name}\"");
    }
}
