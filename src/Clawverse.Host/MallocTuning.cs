using System.Runtime.InteropServices;

namespace Clawverse.Host;

/// <summary>
/// glibc's malloc defaults suit short programs, not a server that decodes images on pool threads:
/// <list type="bullet">
/// <item>a thread that meets contention gets an arena of its own (up to eight per core), and each arena
/// keeps the pages its thread freed, so after a burst of uploads many half-empty arenas stay resident;</item>
/// <item>after a large mmap-ed block is freed glibc raises its mmap threshold to that size, so the next
/// multi-megabyte pixel buffers and encoder pictures come from the arenas and are kept there too.</item>
/// </list>
/// Two arenas (libvips' own advice) and a fixed 1 MiB mmap threshold (big buffers always go back to the
/// system when freed) take the 8-uploads peak from 338–379 MB to about 300 MB and what stays resident after
/// it from about 290 MB to about 210 (docs/performance.md, Memory). An operator's MALLOC_ARENA_MAX or
/// MALLOC_MMAP_THRESHOLD_ wins: glibc has read it already, and we leave that setting alone.
/// </summary>
internal static partial class MallocTuning
{
    public const int Arenas = 2;

    public const int MmapThresholdBytes = 1024 * 1024;

    // mallopt's parameter numbers, from glibc's malloc.h.
    private const int ArenaMax = -8;
    private const int MmapThreshold = -3;

    public static void Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            if (Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null)
            {
                _ = Mallopt(ArenaMax, Arenas);
            }

            if (Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is null)
            {
                _ = Mallopt(MmapThreshold, MmapThresholdBytes);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: musl has neither arenas nor a sliding threshold to pin.
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
