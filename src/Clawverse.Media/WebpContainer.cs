using System.Buffers.Binary;

namespace Clawverse.Media;

/// <summary>
/// Last line of metadata defence, at the byte level: drops EXIF, XMP and ICCP chunks from a
/// WebP (RIFF) file and clears their VP8X flags. Needed because libvips synthesises an EXIF
/// block (orientation, resolution) at save time even after every metadata field was removed,
/// and its 8.14 webpsave ignores strip. Operating on the container makes the guarantee
/// independent of the libvips version.
/// </summary>
internal static class WebpContainer
{
    // VP8X flag bits (first byte of the VP8X payload), per the WebP container specification.
    private const byte IccFlag = 0x20;
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;

    private static ReadOnlySpan<byte> Exif => "EXIF"u8;

    private static ReadOnlySpan<byte> Xmp => "XMP "u8;

    private static ReadOnlySpan<byte> Icc => "ICCP"u8;

    private static ReadOnlySpan<byte> Vp8X => "VP8X"u8;

    /// <summary>Returns the file without metadata chunks. Throws <see cref="InvalidDataException"/> if it is not a well-formed WebP.</summary>
    public static byte[] StripMetadataChunks(byte[] webp)
    {
        if (ImageSniffer.Detect(webp) != ImageFormat.Webp)
            throw new InvalidDataException("Not a WebP file.");

        using var output = new MemoryStream(webp.Length);
        output.Write(webp, 0, 12);

        int offset = 12;
        while (offset < webp.Length)
        {
            if (offset + 8 > webp.Length)
                throw new InvalidDataException("Truncated WebP chunk header.");

            ReadOnlySpan<byte> fourCc = webp.AsSpan(offset, 4);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(offset + 4));
            if (offset + 8 + size > webp.Length)
                throw new InvalidDataException("Truncated WebP chunk.");

            // Chunks are padded to an even size; tolerate a missing pad on the last one.
            int chunkLength = (int)Math.Min(8 + size + (size & 1), webp.Length - offset);
            if (!fourCc.SequenceEqual(Exif) && !fourCc.SequenceEqual(Xmp) && !fourCc.SequenceEqual(Icc))
            {
                byte[] chunk = webp.AsSpan(offset, chunkLength).ToArray();
                if (fourCc.SequenceEqual(Vp8X) && size > 0)
                    chunk[8] &= unchecked((byte)~(IccFlag | ExifFlag | XmpFlag));
                output.Write(chunk);
                if (chunkLength % 2 == 1)
                    output.WriteByte(0);
            }

            offset += chunkLength;
        }

        byte[] result = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        return result;
    }
}
