using System.Diagnostics.Metrics;

namespace Clawverse.Media;

/// <summary>The image pipeline's instruments: how long an upload takes once it has a slot, how many wait
/// for one, and what libvips itself holds. Static, like the processor's libvips policy: one per process.</summary>
public static class MediaMetrics
{
    public const string MeterName = "Clawverse.Media";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "clawverse.image.duration", "s", "Time from a processing slot to the result, per upload, by outcome.");

    internal static readonly UpDownCounter<int> Queued = Meter.CreateUpDownCounter<int>(
        "clawverse.image.queue", "{image}", "Uploads waiting for a processing slot.");

    internal static readonly UpDownCounter<int> Active = Meter.CreateUpDownCounter<int>(
        "clawverse.image.active", "{image}", "Uploads being processed now.");

    /// <summary>Creates the instruments now rather than at the first upload, so a scrape shows the libvips
    /// gauge from the start. Touching any static member runs the field initializers; this is that touch.</summary>
    public static Meter Instruments => Meter;

    private static readonly ObservableGauge<long> LibvipsMemory = Meter.CreateObservableGauge(
        "clawverse.libvips.memory", () => (long)NetVips.Stats.Mem, "By", "Bytes libvips has allocated (pixel buffers, caches).");
}
