using Clawverse.Core;
using Clawverse.Media;
using Clawverse.Storage;
using OpenTelemetry.Metrics;

namespace Clawverse.Host;

/// <summary>
/// /metrics for operators, in Prometheus text format: ASP.NET Core's request meters (requests by route and
/// status), the .NET runtime's, Npgsql's pool, and our own (image pipeline, connections in use, mail, jobs).
/// Served only on the listeners named by --metrics-urls, never on the public one: the endpoint answers a
/// request only when the connection came in on a metrics port (ClawverseApp adds those listeners), and
/// those ports answer nothing else but the /healthz and /readyz probes. Without the setting nothing is collected.
/// </summary>
public static class Observability
{
    public const string MetricsPath = "/metrics";

    public static void AddClawverseMetrics(this IServiceCollection services, HostSettings settings)
    {
        if (settings.MetricsUrls.Count == 0)
        {
            return;
        }

        _ = MediaMetrics.Instruments;
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(MediaMetrics.MeterName, StorageMetrics.MeterName, CoreMetrics.MeterName, OutboxMetrics.MeterName, "Npgsql")
            .AddPrometheusExporter());
    }

    public static void UseClawverseMetrics(this WebApplication app, HostSettings settings)
    {
        if (settings.MetricsUrls.Count == 0)
        {
            return;
        }

        var ports = settings.MetricsUrls.Select(url => url.Port).ToHashSet();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            context => context.Request.Path == MetricsPath && ports.Contains(context.Connection.LocalPort));

        // The metrics listener is for the operator's scraper and probes: it does not serve the site or the APIs.
        app.Use((context, next) =>
        {
            if (ports.Contains(context.Connection.LocalPort) && !IsProbe(context.Request.Path))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }

    private static bool IsProbe(PathString path) => path == Readiness.Path || path == HealthApi.LivenessPath;
}
