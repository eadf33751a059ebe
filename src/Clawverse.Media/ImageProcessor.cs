using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clawverse.Media;

/// <summary>
/// Validates an uploaded image and produces its WebP renditions, BlurHash and average colour.
/// Thread-safe; meant to be a singleton. Expected failures come back as values
/// (<see cref="ImageProcessingResult.Error"/>); exceptions mean a caller bug (bad arguments,
/// missing file), cancellation, or a missing libvips.
/// </summary>
public sealed class ImageProcessor : IDisposable
{
    private readonly ImageProcessorOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;

    public ImageProcessor(ImageProcessorOptions? options = null, ILogger<ImageProcessor>? logger = null)
    {
        _options = options ?? new ImageProcessorOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxConcurrency);
        ArgumentOutOfRangeException.ThrowIfNegative(_options.WebpQuality);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.WebpQuality, 100);
        ArgumentOutOfRangeException.ThrowIfNegative(_options.WebpEffort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.WebpEffort, 6);
        _logger = logger ?? NullLogger<ImageProcessor>.Instance;
        _slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);

        // Initialise libvips now so a missing native library fails the host at start-up.
        VipsPolicy.SetThreadsPerImage(_options.VipsThreadsPerImage);
        _logger.LogInformation("libvips {Version}, {Slots} images at a time", VipsPolicy.EnsureApplied(), _options.MaxConcurrency);
    }

    /// <summary>
    /// Processes the file at <paramref name="sourcePath"/> (an upload already streamed to a temp
    /// file; the caller owns and deletes it). Cheap checks (size, magic bytes) run inline; the
    /// native work runs on the thread pool, at most MaxConcurrency images at a time.
    /// </summary>
    public async Task<ImageProcessingResult> ProcessAsync(string sourcePath, ImageLimits limits, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();

        long length = new FileInfo(sourcePath).Length;
        if (length == 0)
            return Reject(ImageErrors.EmptyFile());
        if (length > limits.MaxBytes)
            return Reject(ImageErrors.FileTooLarge(limits.MaxBytes));

        ImageFormat? format = ImageSniffer.Detect(await ReadHeadAsync(sourcePath, ct));
        if (format is null || (format == ImageFormat.Gif && !limits.AllowGif) || (format == ImageFormat.Svg && !limits.AllowSvg))
            return Reject(ImageErrors.UnsupportedMediaType(limits));

        // A busy processor queues: the caller waits (asynchronously) for a slot, it is never refused.
        MediaMetrics.Queued.Add(1);
        try
        {
            await _slots.WaitAsync(ct);
        }
        finally
        {
            MediaMetrics.Queued.Add(-1);
        }

        MediaMetrics.Active.Add(1);
        long started = Stopwatch.GetTimestamp();
        string outcome = "error";
        try
        {
            ImageProcessingResult result = await Task.Run(
                () => VipsImagePipeline.Run(sourcePath, format.Value, limits, _options, ct),
                ct);
            outcome = result.IsSuccess ? "processed" : "rejected";
            return result.IsSuccess ? result : Reject(result.Error);
        }
        finally
        {
            _slots.Release();
            MediaMetrics.Active.Add(-1);
            MediaMetrics.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void Dispose() => _slots.Dispose();

    private static async Task<byte[]> ReadHeadAsync(string path, CancellationToken ct)
    {
        byte[] head = new byte[ImageSniffer.HeadLength];
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        int read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        return head[..read];
    }

    private ImageProcessingResult Reject(ImageProcessingError error)
    {
        if (error.HttpStatus >= 500)
            _logger.LogError("Image processing failed: {Code} {Detail}", error.Code, error.InternalDetail);
        else if (error.InternalDetail is not null)
            _logger.LogInformation("Image rejected: {Code} {Detail}", error.Code, error.InternalDetail);
        return ImageProcessingResult.Failure(error);
    }
}
