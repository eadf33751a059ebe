using System.Runtime.InteropServices;

namespace Clawverse.Media.Vips;

/// <summary>
/// Process-wide libvips set-up. libvips must be initialised once before any other call, and its
/// global policy (operation cache, thread pool size, blocked loaders) applies to every caller,
/// so it lives here and nowhere else.
/// </summary>
internal static class VipsRuntime
{
    private static readonly Lazy<bool> Initialized = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Initialises libvips on first use. Throws (DllNotFoundException, VipsException) when the
    /// native library is missing or broken, which is meant to fail the host at start-up.
    /// </summary>
    public static void EnsureInitialized() => _ = Initialized.Value;

    /// <summary>
    /// Threads libvips may use inside ONE pipeline. The processor already runs several images in
    /// parallel, so the default of 1 keeps total threads (and per-thread buffers) bounded by the
    /// processor's own concurrency limit instead of multiplying with it.
    /// </summary>
    public static void SetThreadsPerPipeline(int threads)
    {
        EnsureInitialized();
        VipsNative.vips_concurrency_set(Math.Max(1, threads));
    }

    /// <summary>Reads and clears libvips' (process-global) error buffer.</summary>
    public static string TakeErrorText()
    {
        nint text = VipsNative.vips_error_buffer_copy();
        if (text == 0)
            return string.Empty;

        try
        {
            return Marshal.PtrToStringUTF8(text)?.Trim() ?? string.Empty;
        }
        finally
        {
            VipsNative.g_free(text);
        }
    }

    private static bool Initialize()
    {
        if (VipsNative.vips_init("clawverse") != 0)
            throw VipsException.FromNativeError("vips_init");

        // The operation cache exists to speed up interactive programs that repeat operations on
        // the same images. A server never repeats, and cached operations keep references to
        // decoded images and open files, so nothing may be retained between requests.
        VipsNative.vips_cache_set_max(0);
        VipsNative.vips_cache_set_max_mem(0);
        VipsNative.vips_cache_set_max_files(0);

        // Only the four loaders the sniffer admits are ever named, but blocking the untrusted
        // ones is defence in depth should that ever change.
        VipsNative.vips_block_untrusted_set(1);
        VipsNative.vips_concurrency_set(1);
        return true;
    }
}
