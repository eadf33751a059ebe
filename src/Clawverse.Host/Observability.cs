using Clawverse.Core;
using Clawverse.Media;
using Clawverse.Storage;
using OpenTelemetry.Metrics;

namespace Clawverse.Host;

/// <summary>
/// /metrics for operators, in Prometheus text format: ASP.NET Core's request meters (requests by route and
/// status), the .NET runtime's, Npgsql's pool, and our own (image pipeline, connections in use, mail, jobs).
/// Served only on the listeners named by --metrics-urls, never on the public one: the endpoint answers a
/// request only when the connection came in on a metrics port. Without the setting nothing is collected.
/// </summary>
public static class Observability
{
    public const string MetricsPath = "/metrics";

    public static void AddClawverseMetrics(this WebApplicationBuilder builder, HostSettings settings)
    {
        if (settings.MetricsUrls.Count == 0)
        {
            return;
        }

        var publicUrls = builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? HostSettings.DefaultUrl;
        builder.WebHost.UseUrls([.. publicUrls.Split(';', StringSplitOptions.RemoveEmptyEntries), .. settings.MetricsUrls.Select(url => url.ToString())]);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
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
    }
}
