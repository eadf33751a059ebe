namespace Clawverse.Media;

/// <summary>The image formats Clawverse accepts as uploads (decided by magic bytes only).</summary>
public enum ImageFormat
{
    Png,
    Jpeg,
    Webp,
    Gif,

    /// <summary>Accepted only where a surface allows it (ClawVatar); rendered to a raster, never served as SVG.</summary>
    Svg,
}
