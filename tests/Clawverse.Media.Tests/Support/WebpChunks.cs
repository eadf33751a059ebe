using System.Buffers.Binary;
using System.Text;

namespace Clawverse.Media.Tests.Support;

/// <summary>Reads the chunk list of a RIFF/WebP file, to prove which chunks an output carries.</summary>
internal static class WebpChunks
{
    public static IReadOnlyList<string> List(byte[] webp)
    {
        if (webp.Length < 12 || !webp.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !webp.AsSpan(8, 4).SequenceEqual("WEBP"u8))
            throw new ArgumentException("Not a WebP file.", nameof(webp));

        var chunks = new List<string>();
        int offset = 12;
        while (offset + 8 <= webp.Length)
        {
            chunks.Add(Encoding.ASCII.GetString(webp, offset, 4));
            int size = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(offset + 4)));
            offset += 8 + size + (size & 1);
        }

        return chunks;
    }
}
