using Microsoft.AspNetCore.Http;

namespace Clawverse.Media;

/// <summary>
/// Stable error codes. Status choices: 413 and 415 where HTTP has a precise status for the
/// failure; 400 for an empty body (a malformed request); 422 for a well-formed upload whose
/// content is unacceptable (corrupt, too many pixels, out-of-bounds dimensions); 500 when the
/// server itself failed after the image had been decoded.
/// </summary>
public static class ImageErrorCodes
{
    public const string EmptyFile = "empty_file";
    public const string FileTooLarge = "file_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string InvalidImage = "invalid_image";
    public const string ImageTooLarge = "image_too_large";
    public const string ImageDimensionsTooSmall = "image_dimensions_too_small";
    public const string ImageDimensionsTooLarge = "image_dimensions_too_large";
    public const string ProcessingFailed = "image_processing_failed";
}

/// <summary>Builds the error values, so each code always has the same message shape and status.</summary>
internal static class ImageErrors
{
    public static ImageProcessingError EmptyFile() =>
        new(ImageErrorCodes.EmptyFile, "The uploaded file is empty.", StatusCodes.Status400BadRequest);

    public static ImageProcessingError FileTooLarge(long maxBytes) =>
        new(ImageErrorCodes.FileTooLarge, $"The file is larger than the limit of {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    public static ImageProcessingError UnsupportedMediaType(ImageLimits limits)
    {
        List<string> accepted = ["PNG", "JPEG", "WebP"];
        if (limits.AllowGif)
            accepted.Add("GIF");
        if (limits.AllowSvg)
            accepted.Add("SVG");
        return new(
            ImageErrorCodes.UnsupportedMediaType,
            $"Only {string.Join(", ", accepted[..^1])} and {accepted[^1]} images are accepted.",
            StatusCodes.Status415UnsupportedMediaType);
    }

    public static ImageProcessingError InvalidImage(string? detail) =>
        new(ImageErrorCodes.InvalidImage, "The file is not a valid image or is corrupt.", StatusCodes.Status422UnprocessableEntity)
        {
            InternalDetail = detail,
        };

    public static ImageProcessingError ImageTooLarge(long maxPixels) =>
        new(ImageErrorCodes.ImageTooLarge, $"The image has more than {maxPixels} pixels.", StatusCodes.Status422UnprocessableEntity);

    public static ImageProcessingError TooSmall(ImageLimits limits) =>
        new(
            ImageErrorCodes.ImageDimensionsTooSmall,
            $"The image must be at least {limits.MinWidth}x{limits.MinHeight} pixels.",
            StatusCodes.Status422UnprocessableEntity);

    public static ImageProcessingError TooLarge(ImageLimits limits) =>
        new(
            ImageErrorCodes.ImageDimensionsTooLarge,
            $"The image must be at most {limits.MaxWidth}x{limits.MaxHeight} pixels.",
            StatusCodes.Status422UnprocessableEntity);

    public static ImageProcessingError ProcessingFailed(string? detail) =>
        new(ImageErrorCodes.ProcessingFailed, "The image could not be processed.", StatusCodes.Status500InternalServerError)
        {
            InternalDetail = detail,
        };
}
