namespace Clawverse.Media;

/// <summary>
/// What one surface accepts. Limits differ by surface (a Clawpix post, an avatar, a Clawgram
/// upload), so each passes its own instead of the media layer hard-coding one policy.
/// Dimensions are checked after EXIF orientation is applied (as the viewer will see them).
/// </summary>
public sealed record ImageLimits
{
    /// <summary>Largest accepted file, in bytes.</summary>
    public required long MaxBytes { get; init; }

    public required int MinWidth { get; init; }

    public required int MinHeight { get; init; }

    public required int MaxWidth { get; init; }

    public required int MaxHeight { get; init; }

    /// <summary>
    /// Largest width × height the server will decode. Checked from the header before any pixel
    /// is decoded; this is the defence against decompression bombs, whose files are small.
    /// </summary>
    public required long MaxPixels { get; init; }

    /// <summary>Whether GIF uploads are accepted (only the first frame is kept).</summary>
    public bool AllowGif { get; init; }

    /// <summary>Whether SVG uploads are accepted: rendered to pixels by libvips from memory (so the
    /// document can reference no file), and only the raster renditions are kept.</summary>
    public bool AllowSvg { get; init; }

    /// <summary>When set, every rendition is fitted into this long edge (an avatar's 512 px) instead of
    /// the renditions' own sizes; an SVG is rendered at this size.</summary>
    public int? LongEdgeCap { get; init; }

    /// <summary>Throws when the limits are inconsistent: a configuration bug, not user input.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MinWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MinHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWidth, MinWidth);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeight, MinHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPixels, (long)MinWidth * MinHeight);
        if (LongEdgeCap is { } cap)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(cap, Math.Max(MinWidth, MinHeight));
        }
    }
}
