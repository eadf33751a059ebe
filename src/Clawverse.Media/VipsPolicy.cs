using NetVips;

namespace Clawverse.Media;

/// <summary>
/// Process-wide libvips policy (NetVips initialises libvips itself on first use). The cache,
/// thread pool and loader blocks apply to every caller, so they are set here and nowhere else.
/// </summary>
internal static class VipsPolicy
{
    /// <summary>
    /// The loader class (and its file, buffer and source variants below it) for each accepted
    /// format. Every other loader in the bundled libvips (TIFF, HEIF, JPEG 2000, JXL, FITS,
    /// raw formats...) is blocked, so not even a bug in our own sniffing can reach it.
    /// </summary>
    internal static readonly IReadOnlyDictionary<ImageFormat, string> LoaderClasses = new Dictionary<ImageFormat, string>
    {
        [ImageFormat.Png] = "VipsForeignLoadPng",
        [ImageFormat.Jpeg] = "VipsForeignLoadJpeg",
        [ImageFormat.Webp] = "VipsForeignLoadWebp",
        [ImageFormat.Gif] = "VipsForeignLoadNsgif",
        // From memory only: the file and source loaders stay blocked, so no SVG is ever rendered with a base location
        // from which it could reference other files.
        [ImageFormat.Svg] = "VipsForeignLoadSvgBuffer",
    };

    private static readonly Lazy<string> Applied = new(Apply, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Applies the policy once. Throws (TypeInitializationException, DllNotFoundException) when the
    /// native library is missing or broken, which is meant to fail the host at start-up.
    /// </summary>
    /// <returns>The libvips version, for the start-up log.</returns>
    public static string EnsureApplied() => Applied.Value;

    /// <summary>
    /// Threads libvips may use inside ONE image. The processor already runs several images in
    /// parallel, so the default of 1 keeps total threads (and per-thread buffers) bounded by the
    /// processor's own concurrency limit instead of multiplying with it.
    /// </summary>
    public static void SetThreadsPerImage(int threads)
    {
        EnsureApplied();
        NetVips.NetVips.Concurrency = Math.Max(1, threads);
    }

    private static string Apply()
    {
        if (!ModuleInitializer.VipsInitialized)
            throw new InvalidOperationException("libvips failed to initialise.", ModuleInitializer.Exception);

        // The operation cache speeds up interactive programs that repeat operations on the same
        // images. A server never repeats, and cached operations keep decoded images and open
        // files alive, so nothing may be retained between requests.
        Cache.Max = 0;
        Cache.MaxMem = 0;
        Cache.MaxFiles = 0;

        // Untrusted operations first (libvips' own list), then every loader but the allowed ones.
        NetVips.NetVips.BlockUntrusted = true;
        Operation.Block("VipsForeignLoad", true);
        foreach (string loader in LoaderClasses.Values)
            Operation.Block(loader, false);

        return NetVips.NetVips.Version(0) + "." + NetVips.NetVips.Version(1) + "." + NetVips.NetVips.Version(2);
    }
}
