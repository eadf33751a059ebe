using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Clawverse.Media.Vips;

/// <summary>
/// One owned reference to a native VipsImage. The SafeHandle guarantees exactly one
/// g_object_unref even on exceptions, thread aborts or a missed Dispose, and keeps the object
/// alive while a P/Invoke call that receives it is running.
/// </summary>
internal sealed class VipsImage : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>VIPS_FORMAT_UCHAR in the VipsBandFormat enum.</summary>
    private const int FormatUChar = 0;

    public VipsImage()
        : base(ownsHandle: true)
    {
    }

    public int Width => VipsNative.vips_image_get_width(this);

    public int Height => VipsNative.vips_image_get_height(this);

    public int Bands => VipsNative.vips_image_get_bands(this);

    public bool IsUChar => VipsNative.vips_image_get_format(this) == FormatUChar;

    public bool HasField(string name) => VipsNative.vips_image_get_typeof(this, name) != 0;

    /// <summary>Reads an int metadata field, e.g. the EXIF "orientation" libvips parses on load.</summary>
    public int? GetInt(string name)
    {
        if (!HasField(name))
            return null;
        return VipsNative.vips_image_get_int(this, name, out int value) == 0 ? value : null;
    }

    /// <summary>
    /// Removes every metadata field (EXIF, XMP, IPTC, ICC, comments, orientation, ...). Built-in
    /// header fields (width, bands, resolution, ...) are not in the metadata table and stay.
    /// Only call this on an image no one else references (e.g. a fresh "copy").
    /// </summary>
    public void RemoveAllMetadata()
    {
        nint names = VipsNative.vips_image_get_fields(this);
        if (names == 0)
            return;

        try
        {
            for (int i = 0; Marshal.ReadIntPtr(names, i * IntPtr.Size) is var name && name != 0; i++)
                VipsNative.vips_image_remove(this, Marshal.PtrToStringUTF8(name)!);
        }
        finally
        {
            VipsNative.g_strfreev(names);
        }
    }

    /// <summary>
    /// Renders the whole pipeline behind this image into a fresh memory image. For a lazily
    /// loaded file this is where pixels are actually decoded, so decode errors surface here.
    /// </summary>
    public VipsImage CopyMemory()
    {
        VipsImage copy = VipsNative.vips_image_copy_memory(this);
        if (copy.IsInvalid)
        {
            copy.Dispose();
            throw VipsException.FromNativeError("vips_image_copy_memory");
        }

        return copy;
    }

    /// <summary>Returns the raw band-interleaved pixels (8-bit images only).</summary>
    public byte[] ReadPixels()
    {
        if (!IsUChar)
            throw new InvalidOperationException("Only 8-bit images can be read as bytes.");

        nint memory = VipsNative.vips_image_write_to_memory(this, out nuint size);
        if (memory == 0)
            throw VipsException.FromNativeError("vips_image_write_to_memory");

        try
        {
            byte[] pixels = new byte[checked((int)size)];
            Marshal.Copy(memory, pixels, 0, pixels.Length);
            return pixels;
        }
        finally
        {
            VipsNative.g_free(memory);
        }
    }

    /// <summary>
    /// Asks libvips to abort any evaluation that reads this image; used to honour cancellation
    /// while a long native decode is in progress.
    /// </summary>
    public void Kill() => VipsNative.vips_image_set_kill(this, 1);

    protected override bool ReleaseHandle()
    {
        VipsNative.g_object_unref(handle);
        return true;
    }
}
