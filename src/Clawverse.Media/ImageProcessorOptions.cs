namespace Clawverse.Media;

/// <summary>Tuning for <see cref="ImageProcessor"/>; the defaults suit a small server.</summary>
public sealed record ImageProcessorOptions
{
    /// <summary>
    /// Images processed at once; further calls wait (asynchronously) for a slot. Each in-flight
    /// image holds one decoded copy (≤ MaxPixels × 4 bytes) plus its renditions, so this bounds
    /// peak memory.
    /// </summary>
    public int MaxConcurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>libvips worker threads per image (process-wide setting); 1 = parallelism comes from MaxConcurrency.</summary>
    public int VipsThreadsPerImage { get; init; } = 1;

    /// <summary>Lossy WebP quality (0–100) for every rendition.</summary>
    public int WebpQuality { get; init; } = 80;
}
