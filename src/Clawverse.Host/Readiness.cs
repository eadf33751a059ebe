using System.Text.Json;
using Clawverse.Core.Outside;
using Clawverse.Media.Blobs;
using Clawverse.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clawverse.Host;

/// <summary>
/// /readyz: whether this node should take traffic. The database and the blob store must answer (503
/// otherwise); an outside service whose circuit is open only degrades (200, "degraded"), since every one
/// has an offline fallback. /healthz stays the cheap liveness check.
/// </summary>
public static class Readiness
{
    public const string Path = "/readyz";

    public static void AddClawverseReadiness(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseReady>("database")
            .AddCheck<BlobStoreReady>("blobs")
            .AddCheck<OutsideServicesReady>("outside_services", HealthStatus.Degraded);

    public static void MapClawverseReadiness(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteAsync }).WithTags("Health");

    /// <summary>{"status": "ready" | "degraded" | "unavailable", "checks": {name: {"status", "detail", ...data}}}.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new Dictionary<string, object>
        {
            ["status"] = Word(report.Status, "ready"),
            ["checks"] = report.Entries.ToDictionary(entry => entry.Key, entry => (object)new Dictionary<string, object?>(
                entry.Value.Data.Select(pair => KeyValuePair.Create(pair.Key, (object?)pair.Value)))
            {
                ["status"] = Word(entry.Value.Status, "ok"),
                ["detail"] = entry.Value.Description,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    private static string Word(HealthStatus status, string healthy) => status switch
    {
        HealthStatus.Healthy => healthy,
        HealthStatus.Degraded => "degraded",
        _ => "unavailable",
    };

    private sealed class DatabaseReady(Database database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await database.IsReachableAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{database.Provider} answers")
                : HealthCheckResult.Unhealthy($"{database.Provider} does not answer");
    }

    /// <summary>A lookup of a key that never exists: a file stat, or one HEAD request to the bucket.</summary>
    private sealed class BlobStoreReady(IBlobStore blobs, ILogger<BlobStoreReady> logger) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var store = blobs is S3BlobStore ? "S3" : "files";
            try
            {
                await blobs.ExistsAsync("readyz/probe", cancellationToken);
                return HealthCheckResult.Healthy($"{store} answer");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The exception can name hosts and paths: the log has it, the response does not.
                logger.LogError(e, "Blob store readiness probe failed");
                return HealthCheckResult.Unhealthy($"{store} do not answer");
            }
        }
    }

    private sealed class OutsideServicesReady(OutsideServices outside) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var states = outside.Circuits.ToDictionary(circuit => circuit.Name, circuit => (object)circuit.State);
            var open = outside.Circuits.Where(circuit => circuit.State != "closed").Select(circuit => circuit.Name).ToList();
            return Task.FromResult(open.Count == 0
                ? HealthCheckResult.Healthy(states.Count == 0 ? "none configured" : "all circuits closed", states)
                : HealthCheckResult.Degraded($"circuit not closed: {string.Join(", ", open)}; their offline fallbacks are in use", data: states));
        }
    }
}
