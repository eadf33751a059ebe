using System.Diagnostics.Metrics;

namespace Clawverse.Core;

/// <summary>Core instruments: where mail went and how background jobs fare.</summary>
public static class CoreMetrics
{
    public const string MeterName = "Clawverse.Core";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Mail = Meter.CreateCounter<long>(
        "clawverse.mail.deliveries", "{message}", "Mail handed to SMTP, kept in the outbox, or failed over from SMTP to the outbox.");

    private static readonly Counter<long> JobRuns = Meter.CreateCounter<long>(
        "clawverse.jobs.runs", "{run}", "Background job runs by job and outcome (succeeded, failed).");

    public static void MailDelivered(string via) => Mail.Add(1, new KeyValuePair<string, object?>("via", via));

    public static void JobRan(string job, bool succeeded) => JobRuns.Add(1,
        new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));
}
