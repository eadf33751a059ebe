namespace Clawverse.Media.Tests;

/// <summary>
/// Expected hashes were produced by the C reference encoder (woltapp/blurhash C/encode.c,
/// compiled unmodified around the same pixel generators as below), so they pin this encoder to
/// the reference bit for bit: component order, normalisation, max-|AC| quantisation, base 83.
/// </summary>
public class BlurHashTests
{
    [Theory]
    [InlineData(4, 3, "LxH27+2jwzX7m9WYjvf5gIflfOfl")]
    [InlineData(5, 4, "VxH27+2jwzX7a_m9WYjvf5fSgIflfOflfOn,WnjvfOfR")]
    public void Gradient_matches_the_reference_encoder(int xComponents, int yComponents, string expected)
    {
        byte[] pixels = Rgb(32, 24, (x, y) => ((byte)(x * 8 % 256), (byte)(y * 10 % 256), (byte)((x + y) * 5 % 256)));

        BlurHash.Encode(pixels, 32, 24, bands: 3, xComponents, yComponents).ShouldBe(expected);
    }

    [Fact]
    public void Dark_and_light_bands_match_the_reference_encoder()
    {
        // (An even black/white split puts one AC term exactly on a quantisation boundary, where
        // float and double encoders legitimately differ; this split does not.)
        byte[] pixels = Rgb(16, 8, (x, _) => x < 5 ? ((byte)20, (byte)20, (byte)20) : ((byte)230, (byte)230, (byte)230));

        BlurHash.Encode(pixels, 16, 8, bands: 3).ShouldBe("LtMaR]004nRj-;RjRjayfQfQfQfQ");
    }

    [Fact]
    public void Solid_colour_matches_the_reference_encoder_and_its_average_is_exact()
    {
        byte[] pixels = Rgb(8, 8, (_, _) => (255, 0, 0));

        string hash = BlurHash.Encode(pixels, 8, 8, bands: 3);

        hash.ShouldBe("LfTI:j|cfQ|c|csUfQsUfQfQfQfQ");
        BlurHash.Encode(pixels, 8, 8, bands: 3, xComponents: 1, yComponents: 1).ShouldBe("00TI:j");
        BlurHash.AverageColorHex(hash).ShouldBe("#ff0000");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    [InlineData(9, 9)]
    public void Length_follows_the_component_count(int x, int y)
    {
        byte[] pixels = Rgb(10, 10, (i, j) => ((byte)i, (byte)j, 0));

        BlurHash.Encode(pixels, 10, 10, 3, x, y).Length.ShouldBe(BlurHash.ExpectedLength(x, y));
        BlurHash.ExpectedLength(4, 3).ShouldBe(28);
    }

    [Fact]
    public void Grey_and_alpha_layouts_are_read_as_rgb()
    {
        byte[] rgb = Rgb(4, 4, (_, _) => (90, 90, 90));
        byte[] grey = [.. Enumerable.Repeat((byte)90, 16)];
        byte[] opaqueRgba = [.. Enumerable.Range(0, 16).SelectMany(_ => new byte[] { 90, 90, 90, 255 })];
        byte[] transparentRgba = [.. Enumerable.Range(0, 16).SelectMany(_ => new byte[] { 0, 0, 0, 0 })];

        string expected = BlurHash.Encode(rgb, 4, 4, 3);
        BlurHash.Encode(grey, 4, 4, 1).ShouldBe(expected);
        BlurHash.Encode(opaqueRgba, 4, 4, 4).ShouldBe(expected);
        BlurHash.AverageColorHex(BlurHash.Encode(transparentRgba, 4, 4, 4)).ShouldBe("#ffffff", "transparent reads as white");
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        byte[] pixels = new byte[4 * 4 * 3];

        Should.Throw<ArgumentOutOfRangeException>(() => BlurHash.Encode(pixels, 4, 4, 3, xComponents: 0));
        Should.Throw<ArgumentOutOfRangeException>(() => BlurHash.Encode(pixels, 4, 4, 3, yComponents: 10));
        Should.Throw<ArgumentException>(() => BlurHash.Encode(pixels, 5, 4, 3));
    }

    private static byte[] Rgb(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        byte[] data = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                (byte r, byte g, byte b) = pixel(x, y);
                int i = ((y * width) + x) * 3;
                (data[i], data[i + 1], data[i + 2]) = (r, g, b);
            }
        }

        return data;
    }
}
