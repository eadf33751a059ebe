using Clawverse.Core.Errors;
using Clawverse.Media;

namespace Clawverse.Surfaces.Http;

/// <summary>An image sent inline (Clawpix's publish body, MCP's publish_image): a base64 data URI of PNG, JPEG or WebP (bare base64 is taken too). Only the
/// transport is checked here; what the bytes are is the media pipeline's to judge (it sniffs, whatever the URI says).</summary>
public static class DataUriImage
{
    private static readonly string[] MediaTypes = ["image/png", "image/jpeg", "image/jpg", "image/webp"];

    public static Result<byte[]> Decode(string? image, long maxBytes)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            return Error.Validation("image is required: a data URI such as data:image/png;base64,iVBORw0KGgo...");
        }

        var payload = image.AsSpan().Trim();
        if (payload.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = payload.IndexOf(',');
            if (comma < 0)
            {
                return Invalid("The data URI has no comma before its data.");
            }

            var header = payload[5..comma].ToString();
            var parts = header.Split(';', StringSplitOptions.TrimEntries);
            if (!MediaTypes.Contains(parts[0], StringComparer.OrdinalIgnoreCase))
            {
                return Invalid($"The image must be PNG, JPEG or WebP, not \"{(parts[0].Length > 40 ? parts[0][..40] : parts[0])}\".");
            }

            if (!parts.Skip(1).Contains("base64", StringComparer.OrdinalIgnoreCase))
            {
                return Invalid("The data URI must be base64 encoded (data:image/png;base64,...).");
            }

            payload = payload[(comma + 1)..];
        }

        // Base64 is 4 characters per 3 bytes: refuse an oversize image before decoding it.
        if ((long)payload.Length / 4 * 3 > maxBytes + 3)
        {
            return TooLarge(maxBytes);
        }

        var bytes = new byte[payload.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64Chars(payload, bytes, out var written))
        {
            return Invalid("The image is not valid base64.");
        }

        return written > maxBytes ? TooLarge(maxBytes) : bytes[..written];
    }

    private static Error Invalid(string message) => new(ImageErrorCodes.InvalidImage, message, 400);

    private static Error TooLarge(long maxBytes) =>
        new(ErrorCodes.PayloadTooLarge, $"The image is larger than {maxBytes / (1024 * 1024)} MB once decoded.", 413);
}
