using System.Diagnostics.Metrics;

namespace Clawverse.Host;

/// <summary>Messages waiting in &lt;data-dir&gt;/outbox/ (no SMTP configured, or SMTP failed): counted when
/// scraped, one directory listing per scrape.</summary>
public sealed class OutboxMetrics
{
    public const string MeterName = "Clawverse.Outbox";

    public OutboxMetrics(IMeterFactory meters, string outboxDirectory)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("clawverse.mail.outbox.depth",
            () => Directory.Exists(outboxDirectory) ? Directory.EnumerateFiles(outboxDirectory, "*.eml").LongCount() : 0L,
            "{message}", "Messages kept in the outbox directory.");
    }
}
