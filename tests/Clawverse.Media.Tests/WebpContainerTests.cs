using System.Buffers.Binary;
using Clawverse.Media.Tests.Support;

namespace Clawverse.Media.Tests;

public class WebpContainerTests
{
    [Fact]
    public void Drops_metadata_chunks_and_their_vp8x_flags()
    {
        // VP8X flags: ICC 0x20 | alpha 0x10 | EXIF 0x08 | XMP 0x04.
        byte[] webp = Riff(
            Chunk("VP8X", [0x3C, 0, 0, 0, 9, 0, 0, 9, 0, 0]),
            Chunk("ICCP", [1, 2, 3]),
            Chunk("ALPH", [7, 7]),
            Chunk("VP8 ", [5, 5, 5, 5]),
            Chunk("EXIF", "GPSsecret123"u8.ToArray()),
            Chunk("XMP ", "<x:xmpmeta/>"u8.ToArray()));

        byte[] stripped = WebpContainer.StripMetadataChunks(webp);

        WebpChunks.List(stripped).ShouldBe(["VP8X", "ALPH", "VP8 "]);
        stripped[20].ShouldBe((byte)0x10, "only the alpha flag is left");
        BinaryPrimitives.ReadUInt32LittleEndian(stripped.AsSpan(4)).ShouldBe((uint)(stripped.Length - 8));
    }

    [Fact]
    public void Leaves_a_clean_file_unchanged()
    {
        byte[] webp = Riff(Chunk("VP8 ", [1, 2, 3, 4, 5]));

        WebpContainer.StripMetadataChunks(webp).ShouldBe(webp);
    }

    [Fact]
    public void Rejects_malformed_files()
    {
        byte[] webp = Riff(Chunk("VP8 ", [1, 2, 3, 4]));

        Should.Throw<InvalidDataException>(() => WebpContainer.StripMetadataChunks(webp[..^3]));
        Should.Throw<InvalidDataException>(() => WebpContainer.StripMetadataChunks([.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8]));
    }

    private static byte[] Chunk(string fourCc, byte[] payload)
    {
        byte[] chunk = new byte[8 + payload.Length + (payload.Length & 1)];
        System.Text.Encoding.ASCII.GetBytes(fourCc).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(chunk, 8);
        return chunk;
    }

    private static byte[] Riff(params byte[][] chunks)
    {
        byte[] body = [.. "WEBP"u8, .. chunks.SelectMany(c => c)];
        byte[] size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)body.Length);
        return [.. "RIFF"u8, .. size, .. body];
    }
}
