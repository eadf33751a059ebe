using System.Buffers.Binary;
using System.Text;

namespace Clawverse.Media.Tests.Support;

/// <summary>
/// Writes metadata segments into a JPEG by hand: an EXIF APP1 (orientation, a description and a
/// GPS IFD), an XMP APP1 and a comment, each carrying a marker string the tests then look for.
/// </summary>
internal static class JpegMetadata
{
    public const string ExifMarker = "EXIFsecret-description";
    public const string GpsMarker = "GPSsecret123";
    public const string XmpMarker = "XMPsecret456";
    public const string CommentMarker = "COMsecret789";

    public static IReadOnlyList<string> AllMarkers { get; } = [ExifMarker, GpsMarker, XmpMarker, CommentMarker];

    /// <summary>Inserts the segments after SOI (and after a JFIF APP0, which must come first).</summary>
    public static byte[] Inject(byte[] jpeg, ushort orientation)
    {
        if (jpeg[0] != 0xFF || jpeg[1] != 0xD8)
            throw new ArgumentException("Not a JPEG.", nameof(jpeg));

        int insertAt = 2;
        if (jpeg[2] == 0xFF && jpeg[3] == 0xE0)
            insertAt = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(4));

        byte[] exif = [.. "Exif\0\0"u8, .. Tiff(orientation)];
        byte[] xmp = [.. Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0"), .. Encoding.ASCII.GetBytes(
            $"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
            $"<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:source=\"{XmpMarker}\"/></rdf:RDF></x:xmpmeta>")];

        using var output = new MemoryStream();
        output.Write(jpeg, 0, insertAt);
        WriteSegment(output, 0xE1, exif);
        WriteSegment(output, 0xE1, xmp);
        WriteSegment(output, 0xFE, Encoding.ASCII.GetBytes(CommentMarker));
        output.Write(jpeg, insertAt, jpeg.Length - insertAt);
        return output.ToArray();
    }

    /// <summary>Little-endian TIFF: IFD0 (description, orientation, GPS pointer) then a GPS IFD.</summary>
    private static byte[] Tiff(ushort orientation)
    {
        const int ifd0 = 8;
        const int gpsIfd = ifd0 + 2 + (3 * 12) + 4;
        const int dataStart = gpsIfd + 2 + (3 * 12) + 4;
        byte[] description = Encoding.ASCII.GetBytes(ExifMarker + "\0");
        byte[] processingMethod = [.. "ASCII\0\0\0"u8, .. Encoding.ASCII.GetBytes(GpsMarker)];

        byte[] tiff = new byte[dataStart + description.Length + processingMethod.Length];
        var span = tiff.AsSpan();
        "II"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], ifd0);

        BinaryPrimitives.WriteUInt16LittleEndian(span[ifd0..], 3);
        Entry(span[(ifd0 + 2)..], 0x010E, type: 2, count: (uint)description.Length, value: dataStart);
        Entry(span[(ifd0 + 14)..], 0x0112, type: 3, count: 1, value: orientation);
        Entry(span[(ifd0 + 26)..], 0x8825, type: 4, count: 1, value: gpsIfd);

        BinaryPrimitives.WriteUInt16LittleEndian(span[gpsIfd..], 3);
        Entry(span[(gpsIfd + 2)..], 0x0000, type: 1, count: 4, value: 0x00000302); // version 2.3.0.0
        Entry(span[(gpsIfd + 14)..], 0x0001, type: 2, count: 2, value: 'N');
        Entry(span[(gpsIfd + 26)..], 0x001B, type: 7, count: (uint)processingMethod.Length, value: (uint)(dataStart + description.Length));

        description.CopyTo(span[dataStart..]);
        processingMethod.CopyTo(span[(dataStart + description.Length)..]);
        return tiff;
    }

    private static void Entry(Span<byte> at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(at[4..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(at[8..], value);
    }

    private static void WriteSegment(Stream output, byte marker, byte[] payload)
    {
        output.WriteByte(0xFF);
        output.WriteByte(marker);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)(payload.Length + 2)));
        output.Write(length);
        output.Write(payload);
    }
}
