using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Clawverse.Testing.Images;

/// <summary>
/// A valid PNG whose header claims a huge canvas while the file stays small: 1-bit greyscale
/// rows of zeros compress about 1000:1. 20000×20000 is 400 megapixels (1.2 GB as decoded RGB)
/// in a file of about 50 KB, i.e. a decompression bomb.
/// </summary>
public static class PngBomb
{
    private static readonly Lazy<byte[]> Bomb20000 = new(() => Create(20000, 20000));

    public static byte[] TwentyThousandSquare => Bomb20000.Value;

    public static byte[] Create(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

        byte[] ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 1; // bit depth
        ihdr[9] = 0; // colour type: greyscale
        WriteChunk(png, "IHDR", ihdr);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                // Each row: filter byte 0, then width/8 bytes of zero bits.
                byte[] row = new byte[1 + ((width + 7) / 8)];
                for (int y = 0; y < height; y++)
                    zlib.Write(row);
            }

            WriteChunk(png, "IDAT", compressed.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);

        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);

        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }

        return ~crc;
    }
}
