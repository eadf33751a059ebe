using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Clawverse.Media;

/// <summary>Either a <see cref="ProcessedImage"/> or an <see cref="ImageProcessingError"/>; never both.</summary>
public sealed class ImageProcessingResult
{
    private ImageProcessingResult(ProcessedImage? image, ImageProcessingError? error)
    {
        Image = image;
        Error = error;
    }

    public ProcessedImage? Image { get; }

    public ImageProcessingError? Error { get; }

    [MemberNotNullWhen(true, nameof(Image))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Image is not null;

    public static ImageProcessingResult Success(ProcessedImage image) =>
        new(image ?? throw new ArgumentNullException(nameof(image)), null);

    public static ImageProcessingResult Failure(ImageProcessingError error) =>
        new(null, error ?? throw new ArgumentNullException(nameof(error)));

    public override string ToString() => IsSuccess ? $"Success({Image.Width}x{Image.Height})" : $"Failure({Error.Code})";
}

/// <summary>A validated, re-encoded image.</summary>
/// <param name="Format">The format the upload was in (by magic bytes).</param>
/// <param name="Width">Width after EXIF autorotation.</param>
/// <param name="Height">Height after EXIF autorotation.</param>
/// <param name="Variants">"thumb", "feed" and "full", in that order.</param>
/// <param name="BlurHash">BlurHash (4×3 components) of the thumb, for placeholders.</param>
/// <param name="DominantColor">Average colour as "#rrggbb" (the BlurHash DC term).</param>
public sealed record ProcessedImage(
    ImageFormat Format,
    int Width,
    int Height,
    IReadOnlyList<ImageVariant> Variants,
    string BlurHash,
    string DominantColor)
{
    /// <summary>The variant with the given name ("thumb", "feed" or "full").</summary>
    public ImageVariant GetVariant(string name) =>
        Variants.FirstOrDefault(v => v.Name == name) ?? throw new KeyNotFoundException($"No variant '{name}'.");
}

/// <summary>
/// One re-encoded WebP rendition, held in memory. Variants are small by construction (at most
/// 2048 px long edge, lossy WebP), so bytes are cheaper and simpler for the caller than temp
/// files that would need cleaning up; the caller writes them to the blob store.
/// </summary>
public sealed record ImageVariant(string Name, byte[] Bytes, int Width, int Height)
{
    public const string WebpContentType = "image/webp";

    public long ByteSize => Bytes.LongLength;

    public string ContentType => WebpContentType;
}

/// <summary>
/// An expected failure, as a value. <see cref="Code"/> and <see cref="Message"/> are safe to
/// return to clients; <see cref="HttpStatus"/> is a suggestion surfaces may map differently.
/// </summary>
public sealed record ImageProcessingError(string Code, string Message, int HttpStatus)
{
    /// <summary>
    /// Diagnostic detail for server logs (e.g. libvips' error text). It may contain paths and
    /// library internals: never put it in a response. Excluded from JSON serialisation.
    /// </summary>
    [JsonIgnore]
    public string? InternalDetail { get; init; }
}
