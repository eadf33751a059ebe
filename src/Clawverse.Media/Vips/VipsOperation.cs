namespace Clawverse.Media.Vips;

/// <summary>
/// Runs one libvips operation without the variadic C API: create it by nickname, set inputs as
/// GObject properties, build, read outputs. Typical use:
/// <code>
/// using var op = VipsOperation.Create("autorot");
/// op.Set("in", image);
/// op.Build();
/// VipsImage rotated = op.GetImage("out");
/// </code>
/// </summary>
internal sealed class VipsOperation : IDisposable
{
    private readonly string _name;
    private nint _operation;

    private VipsOperation(string name, nint operation)
    {
        _name = name;
        _operation = operation;
    }

    public static VipsOperation Create(string name)
    {
        VipsRuntime.EnsureInitialized();
        nint operation = VipsNative.vips_operation_new(name);
        if (operation == 0)
            throw VipsException.FromNativeError(name);
        return new VipsOperation(name, operation);
    }

    /// <summary>Sets a string argument (e.g. a filename) exactly, with no option parsing.</summary>
    public VipsOperation Set(string property, string value)
    {
        var gValue = default(GValue);
        VipsNative.g_value_init(ref gValue, VipsNative.GTypeString);
        try
        {
            VipsNative.g_value_set_string(ref gValue, value);
            VipsNative.g_object_set_property(Handle, property, ref gValue);
        }
        finally
        {
            VipsNative.g_value_unset(ref gValue);
        }

        return this;
    }

    /// <summary>Sets an image argument; the operation takes its own reference.</summary>
    public VipsOperation Set(string property, VipsImage image)
    {
        var gValue = default(GValue);
        VipsNative.g_value_init(ref gValue, VipsNative.vips_image_get_type());
        try
        {
            VipsNative.g_value_set_object(ref gValue, image);
            VipsNative.g_object_set_property(Handle, property, ref gValue);
        }
        finally
        {
            VipsNative.g_value_unset(ref gValue);
        }

        return this;
    }

    /// <summary>
    /// Sets scalar and enum options from libvips' option syntax, e.g. "Q=80,strip=true".
    /// libvips parses ints, doubles, booleans and enum nicknames itself, which is why no double
    /// ever crosses the native boundary as an argument. Only ever pass constants or numbers
    /// formatted by this assembly: the syntax treats ',' '[' ']' as structure.
    /// </summary>
    public VipsOperation SetOptions(string options)
    {
        if (VipsNative.vips_object_set_from_string(Handle, options) != 0)
            throw VipsException.FromNativeError(_name);
        return this;
    }

    /// <summary>
    /// Builds (runs) the operation. For loaders this reads the header only; pixel work happens
    /// later, when an image is rendered (CopyMemory, a save).
    /// </summary>
    public void Build()
    {
        nint built = VipsNative.vips_cache_operation_build(Handle);
        if (built == 0)
            throw VipsException.FromNativeError(_name);

        // build returns a new reference to the (possibly cached) operation; swap ours for it.
        VipsNative.g_object_unref(_operation);
        _operation = built;
    }

    /// <summary>Returns an owned reference to an image output.</summary>
    public VipsImage GetImage(string property)
    {
        var gValue = default(GValue);
        VipsNative.g_value_init(ref gValue, VipsNative.vips_image_get_type());
        try
        {
            VipsNative.g_object_get_property(Handle, property, ref gValue);
            VipsImage image = VipsNative.g_value_dup_object(ref gValue);
            if (image.IsInvalid)
            {
                image.Dispose();
                throw new VipsException(_name, $"output '{property}' was not set");
            }

            return image;
        }
        finally
        {
            VipsNative.g_value_unset(ref gValue);
        }
    }

    /// <summary>Copies a VipsBlob output (e.g. the "buffer" of a *save_buffer operation).</summary>
    public byte[] GetBlob(string property)
    {
        var gValue = default(GValue);
        VipsNative.g_value_init(ref gValue, VipsNative.vips_blob_get_type());
        try
        {
            VipsNative.g_object_get_property(Handle, property, ref gValue);
            nint data = VipsNative.vips_value_get_blob(ref gValue, out nuint length);
            if (data == 0)
                throw new VipsException(_name, $"output '{property}' was not set");

            byte[] bytes = new byte[checked((int)length)];
            System.Runtime.InteropServices.Marshal.Copy(data, bytes, 0, bytes.Length);
            return bytes;
        }
        finally
        {
            VipsNative.g_value_unset(ref gValue);
        }
    }

    public void Dispose()
    {
        if (_operation == 0)
            return;

        // Output objects hold a reference on behalf of the caller (the C API hands them out);
        // callers that wanted them took their own with GetImage, so drop those first.
        VipsNative.vips_object_unref_outputs(_operation);
        VipsNative.g_object_unref(_operation);
        _operation = 0;
    }

    private nint Handle => _operation != 0 ? _operation : throw new ObjectDisposedException(nameof(VipsOperation));
}
