namespace Clawverse.Media.Vips;

/// <summary>
/// A libvips call failed. <see cref="NativeDetail"/> holds libvips' own error text: it may name
/// file paths and library internals, so it is for server logs only and never reaches a caller
/// of the public API (the processor maps this exception to a stable error code).
/// </summary>
internal sealed class VipsException : Exception
{
    public VipsException(string operation, string nativeDetail)
        : base($"libvips operation '{operation}' failed.")
    {
        Operation = operation;
        NativeDetail = nativeDetail;
    }

    public string Operation { get; }

    public string NativeDetail { get; }

    /// <summary>Builds an exception from (and clears) the libvips error buffer.</summary>
    public static VipsException FromNativeError(string operation) =>
        new(operation, VipsRuntime.TakeErrorText());
}
