using System.Runtime.InteropServices;

namespace Clawverse.Media.Vips;

/// <summary>
/// Every native entry point this project uses, in one place. Only non-variadic C functions are
/// declared: libvips' convenience API (vips_thumbnail_image, vips_webpsave_buffer, ...) is
/// variadic, and .NET cannot portably call C varargs. Instead operations are driven through the
/// GObject introspection path libvips itself uses for its language bindings:
/// vips_operation_new → g_object_set_property / vips_object_set_from_string →
/// vips_cache_operation_build → g_object_get_property. See docs/decisions/0002.
/// </summary>
internal static partial class VipsNative
{
    private const string Vips = "libvips.so.42";
    private const string GObject = "libgobject-2.0.so.0";
    private const string GLib = "libglib-2.0.so.0";

    /// <summary>G_TYPE_STRING: fundamental type 16, shifted by G_TYPE_FUNDAMENTAL_SHIFT (2).</summary>
    internal const nuint GTypeString = 16 << 2;

    // ---- libvips: lifecycle and global policy ----
    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_init(string argv0);

    [LibraryImport(Vips)]
    internal static partial void vips_cache_set_max(int max);

    [LibraryImport(Vips)]
    internal static partial void vips_cache_set_max_mem(nuint maxMem);

    [LibraryImport(Vips)]
    internal static partial void vips_cache_set_max_files(int maxFiles);

    [LibraryImport(Vips)]
    internal static partial void vips_concurrency_set(int concurrency);

    /// <summary>Blocks loaders libvips marks untrusted (e.g. ImageMagick, matlab, FITS); since 8.13.</summary>
    [LibraryImport(Vips)]
    internal static partial void vips_block_untrusted_set(int state);

    // ---- libvips: errors (the buffer is process-global; _copy reads and clears under one lock) ----
    [LibraryImport(Vips)]
    internal static partial nint vips_error_buffer_copy();

    [LibraryImport(Vips)]
    internal static partial void vips_error_clear();

    // ---- libvips: operations ----
    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint vips_operation_new(string name);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_object_set_from_string(nint vipsObject, string options);

    [LibraryImport(Vips)]
    internal static partial nint vips_cache_operation_build(nint operation);

    [LibraryImport(Vips)]
    internal static partial void vips_object_unref_outputs(nint vipsObject);

    [LibraryImport(Vips)]
    internal static partial nuint vips_image_get_type();

    [LibraryImport(Vips)]
    internal static partial nuint vips_blob_get_type();

    [LibraryImport(Vips)]
    internal static partial nint vips_value_get_blob(ref GValue value, out nuint length);

    // ---- libvips: images ----
    [LibraryImport(Vips)]
    internal static partial int vips_image_get_width(VipsImage image);

    [LibraryImport(Vips)]
    internal static partial int vips_image_get_height(VipsImage image);

    [LibraryImport(Vips)]
    internal static partial int vips_image_get_bands(VipsImage image);

    [LibraryImport(Vips)]
    internal static partial int vips_image_get_format(VipsImage image);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nuint vips_image_get_typeof(VipsImage image, string name);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_image_get_int(VipsImage image, string name, out int value);

    /// <summary>Returns a NULL-terminated gchar** of every field name; free with g_strfreev.</summary>
    [LibraryImport(Vips)]
    internal static partial nint vips_image_get_fields(VipsImage image);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_image_remove(VipsImage image, string name);

    [LibraryImport(Vips)]
    internal static partial VipsImage vips_image_copy_memory(VipsImage image);

    [LibraryImport(Vips)]
    internal static partial nint vips_image_write_to_memory(VipsImage image, out nuint size);

    [LibraryImport(Vips)]
    internal static partial void vips_image_set_kill(VipsImage image, int kill);

    // ---- GObject / GLib ----
    [LibraryImport(GObject)]
    internal static partial void g_object_unref(nint gObject);

    [LibraryImport(GObject)]
    internal static partial nint g_value_init(ref GValue value, nuint gType);

    [LibraryImport(GObject)]
    internal static partial void g_value_unset(ref GValue value);

    [LibraryImport(GObject, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void g_value_set_string(ref GValue value, string text);

    [LibraryImport(GObject)]
    internal static partial void g_value_set_object(ref GValue value, VipsImage image);

    [LibraryImport(GObject)]
    internal static partial VipsImage g_value_dup_object(ref GValue value);

    [LibraryImport(GObject, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void g_object_set_property(nint gObject, string name, ref GValue value);

    [LibraryImport(GObject, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void g_object_get_property(nint gObject, string name, ref GValue value);

    [LibraryImport(GLib)]
    internal static partial void g_free(nint memory);

    [LibraryImport(GLib)]
    internal static partial void g_strfreev(nint strings);
}

/// <summary>
/// GLib's GValue: a GType followed by a two-slot 64-bit union (24 bytes on 64-bit Linux).
/// It must be zeroed before g_value_init, which `default` guarantees.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GValue
{
    public nuint GType;
    public long Data0;
    public long Data1;
}
