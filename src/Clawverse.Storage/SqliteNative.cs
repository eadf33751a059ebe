using System.Reflection;
using System.Runtime.InteropServices;

namespace Clawverse.Storage;

/// <summary>SQLite runs on the system library (Debian's libsqlite3-0), not a bundled copy: libvips pulls the
/// system libsqlite3 into the process, and two SQLite copies in one process resolve each other's symbols
/// and crash. The provider asks for "sqlite3", which only the -dev package names on Linux, so this points
/// it at the runtime library's versioned name.</summary>
internal static class SqliteNative
{
    private static int _initialized;

    public static void EnsureInitialized()
    {
        if (Interlocked.Exchange(ref _initialized, 1) == 1)
        {
            return;
        }

        if (OperatingSystem.IsLinux())
        {
            NativeLibrary.SetDllImportResolver(typeof(SQLitePCL.SQLite3Provider_sqlite3).Assembly, Resolve);
        }

        SQLitePCL.Batteries_V2.Init();
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != "sqlite3")
        {
            return IntPtr.Zero;
        }

        return NativeLibrary.TryLoad("libsqlite3.so.0", out var handle) ? handle : IntPtr.Zero;
    }
}
