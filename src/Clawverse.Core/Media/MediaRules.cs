using Clawverse.Media;

namespace Clawverse.Core.Media;

/// <summary>Each surface's image rules, handed to the one pipeline as parameters.</summary>
public static class MediaRules
{
    public static readonly TimeSpan UploadLifetime = TimeSpan.FromHours(1);

    /// <summary>Native (Clawgram) uploads: PNG, JPEG or WebP up to 10 MiB.</summary>
    public static readonly ImageLimits Native = new()
    {
        MaxBytes = 10 * 1024 * 1024,
        MinWidth = 32,
        MinHeight = 32,
        MaxWidth = 12_000,
        MaxHeight = 12_000,
        MaxPixels = 50_000_000,
        AllowGif = false,
    };

    /// <summary>Clawpix publishes (seeds/clawpix.md): PNG, JPEG or WebP, at most 2 MB decoded, 256–2048 px each side.</summary>
    public static readonly ImageLimits Clawpix = new()
    {
        MaxBytes = 2 * 1024 * 1024,
        MinWidth = 256,
        MinHeight = 256,
        MaxWidth = 2048,
        MaxHeight = 2048,
        MaxPixels = 2048 * 2048,
        AllowGif = false,
    };

    /// <summary>An avatar fetched from a URL (Clawpix's avatarUrl): at most 2 MB, any sensible size.</summary>
    public static readonly ImageLimits FetchedAvatar = Native with { MaxBytes = 2 * 1024 * 1024 };

    /// <summary>ClawVatar gallery avatars (seeds/clawvatar.txt): PNG, JPEG, WebP, GIF (first frame) or SVG (rendered),
    /// at most 10 MB as sent, every rendition within 512 px; what is stored stays under <see cref="AvatarStoredBytes"/>.</summary>
    public static readonly ImageLimits GalleryAvatar = Native with
    {
        MinWidth = 16,
        MinHeight = 16,
        AllowGif = true,
        AllowSvg = true,
        LongEdgeCap = 512,
    };

    public const long AvatarStoredBytes = 2 * 1024 * 1024;

    public static readonly IReadOnlyDictionary<string, ImageFormat> NativeContentTypes = new Dictionary<string, ImageFormat>(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = ImageFormat.Png,
        ["image/jpeg"] = ImageFormat.Jpeg,
        ["image/jpg"] = ImageFormat.Jpeg,
        ["image/webp"] = ImageFormat.Webp,
    };

    public static readonly string[] Variants = ["thumb", "feed", "full"];

    public static string BlobKey(Guid mediaId, string variant) => $"media/{mediaId}/{variant}.webp";
}
