using System.Diagnostics.Metrics;
using Clawverse.Core;
using Clawverse.Core.Outside.Fetch;
using Clawverse.Core.Outside.Moderation;
using Clawverse.Core.Outside.Sms;
using Clawverse.Core.Outside.Tweets;
using Clawverse.Media.Blobs;
using Clawverse.Storage;
using Clawverse.Surfaces;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Clawverse.Web;

namespace Clawverse.Host;

/// <summary>Composes the server: core and storage, the API surfaces, the web pages.</summary>
public static class ClawverseApp
{
    public static WebApplication Build(string[] args)
    {
        MallocTuning.Apply();
        var builder = WebApplication.CreateBuilder(args);
        var settings = HostSettings.Load(builder.Configuration);

        // The public listeners, and beside them the metrics listeners --metrics-urls names (Observability).
        var publicUrls = (builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? HostSettings.DefaultUrl)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (publicUrls.Select(url => BindingAddress.Parse(url).Port).Intersect(settings.MetricsUrls.Select(url => url.Port)).Any())
        {
            throw new InvalidOperationException("--metrics-urls / CLAWVERSE_METRICS_URLS needs a port of its own: a public listen port cannot also serve /metrics.");
        }

        builder.WebHost.UseUrls([.. publicUrls, .. settings.MetricsUrls.Select(url => url.ToString())]);

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        AddCore(builder.Services, settings);
        var benchMode = BenchCeiling.IsEnabled(builder.Configuration);
        if (benchMode)
        {
            builder.Services.AddBenchMode();
        }

        builder.Services.TryAddSingleton(RateLimitOptions.Load(builder.Configuration));
        builder.Services.AddClawverseSurfaces(settings.ClawNet);
        // Before the jobs: hosted services stop in reverse order, so the leadership lock is released after they stop.
        builder.Services.AddClusterServices(settings);
        builder.Services.AddHostedService<MaintenanceService>();
        builder.Services.AddHostedService<MoltbookPollerService>();
        builder.Services.AddHostedService<AvatarExpiryService>();
        builder.Services.AddClawverseReadiness();
        builder.Services.AddSingleton(sp => new OutboxMetrics(sp.GetRequiredService<IMeterFactory>(), settings.Options.OutboxDirectory));
        builder.Services.AddClawverseMetrics(settings);

        var app = builder.Build();
        app.Services.GetRequiredService<OutboxMetrics>();
        app.UseClawverseMetrics(settings);
        app.UseTrustedProxies(settings);
        app.UseClawverseSurfaces(endpoints =>
        {
            endpoints.MapHealthChecks();
            endpoints.MapClawverseWeb();
            if (benchMode)
            {
                endpoints.MapBenchCeiling();
            }
        });
        return app;
    }

    /// <summary>The core, storage and blob store as the settings say: shared by the server and the operator commands
    /// (clawverse admin), so both always see the same database, secret and media.</summary>
    internal static void AddCore(IServiceCollection services, HostSettings settings)
    {
        if (settings.S3 is { } s3)
        {
            // Before AddClawverseCore, whose file store registration is a TryAdd.
            services.AddSingleton(_ => new S3BlobStore(s3));
            services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<S3BlobStore>());
        }

        services.AddClusterState(settings);
        services.AddClawverseCore(settings.Options, settings.Database, settings.ServerSecret, settings.Smtp, settings.Moltbook);
        services.AddGuardedFetch().AddTweetCheck(settings.TweetCheck).AddModeration(settings.Moderation)
            .AddSms(settings.Sms, settings.Options.OutboxDirectory);
    }

    /// <summary>Applies pending migrations before the server takes requests.</summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        var applied = await app.Services.GetRequiredService<Migrator>().MigrateAsync();
        var database = app.Services.GetRequiredService<Database>();
        app.Logger.LogInformation("Database {Provider} ready; {Count} migration(s) applied", database.Provider, applied.Count);
        if (app.Services.GetService<S3BlobStore>() is { } s3)
        {
            await s3.EnsureBucketAsync();
            app.Logger.LogInformation("Media blobs in S3 bucket {Bucket}", s3.Bucket);
        }
    }

    private static void MapHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(HealthApi.LivenessPath, HealthApi.Check).WithTags("Health").WithGroupName(ApiDocuments.Native)
            .WithSummary("Liveness: 200 when the database answers, 503 otherwise.").CanFail(503);
        endpoints.MapGet("/api/v1/healthz", HealthApi.Check).WithTags("Health").WithGroupName(ApiDocuments.Native)
            .WithSummary("Liveness under the API's base: 200 when the database answers, 503 otherwise.").CanFail(503);
        endpoints.MapClawverseReadiness();
    }
}
