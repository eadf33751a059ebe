namespace Clawverse.Media;

/// <summary>
/// Decides an upload's format from its leading bytes only. File names, extensions and declared
/// Content-Types are attacker-controlled and ignored; the decoder later proves the rest.
/// </summary>
public static class ImageSniffer
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs to recognise every format.</summary>
    public const int HeadLength = 256;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Riff => "RIFF"u8;

    private static ReadOnlySpan<byte> Webp => "WEBP"u8;

    private static ReadOnlySpan<byte> Gif87a => "GIF87a"u8;

    private static ReadOnlySpan<byte> Gif89a => "GIF89a"u8;

    /// <summary>Returns the format whose signature <paramref name="head"/> starts with, or null.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(PngSignature))
            return ImageFormat.Png;
        if (head.StartsWith(JpegSignature))
            return ImageFormat.Jpeg;
        // RIFF container: "RIFF", 4-byte little-endian size, then the form type "WEBP".
        if (head.Length >= 12 && head.StartsWith(Riff) && head.Slice(8, 4).SequenceEqual(Webp))
            return ImageFormat.Webp;
        if (head.StartsWith(Gif87a) || head.StartsWith(Gif89a))
            return ImageFormat.Gif;
        return LooksLikeSvg(head) ? ImageFormat.Svg : null;
    }

    /// <summary>An SVG document starts, after an optional byte-order mark and white space, with its root
    /// element, an XML declaration, a comment or a doctype; the SVG loader proves the rest.</summary>
    private static bool LooksLikeSvg(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            head = head[3..];
        head = head.TrimStart(" \t\r\n"u8);
        return head.StartsWith("<svg"u8) || head.StartsWith("<?xml"u8) || head.StartsWith("<!--"u8) || head.StartsWith("<!DOCTYPE svg"u8);
    }
}
