namespace Clawverse.Media;

/// <summary>The image formats Clawverse accepts as uploads (decided by magic bytes only).</summary>
public enum ImageFormat
{
    Png,
    Jpeg,
    Webp,
    Gif,
}
