using System.Globalization;

namespace Clawverse.Media;

/// <summary>
/// BlurHash encoder (https://blurha.sh), following the C reference implementation
/// (woltapp/blurhash C/encode.c, Algorithm.md): a few DCT components of the image in linear
/// light, quantised and written in base 83. The DC term is the exact average colour in sRGB.
/// </summary>
public static class BlurHash
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

    /// <summary>sRGB byte → linear light, precomputed (the transfer curve is the hot path).</summary>
    private static readonly double[] SrgbToLinearTable = BuildSrgbToLinearTable();

    /// <summary>Length of a hash with the given component counts: 1 + 1 + 4 + 2 per AC term.</summary>
    public static int ExpectedLength(int xComponents, int yComponents) => 4 + (2 * xComponents * yComponents);

    /// <summary>
    /// Encodes band-interleaved 8-bit pixels. <paramref name="bands"/>: 1 grey, 2 grey+alpha,
    /// 3 RGB, 4 RGBA. Alpha is composited over white first, so transparent regions (whose hidden
    /// colour is arbitrary) read as the light background they are usually shown on.
    /// </summary>
    public static string Encode(ReadOnlySpan<byte> pixels, int width, int height, int bands, int xComponents = 4, int yComponents = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bands, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(xComponents, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(xComponents, 9);
        ArgumentOutOfRangeException.ThrowIfLessThan(yComponents, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(yComponents, 9);
        if (pixels.Length < (long)width * height * bands)
            throw new ArgumentException("Pixel buffer is smaller than width × height × bands.", nameof(pixels));

        double[] factors = ComputeFactors(pixels, width, height, bands, xComponents, yComponents);
        return Quantise(factors, xComponents, yComponents);
    }

    /// <summary>The average colour stored in a hash's DC term, as "#rrggbb".</summary>
    public static string AverageColorHex(string blurHash)
    {
        ArgumentNullException.ThrowIfNull(blurHash);
        if (blurHash.Length < 6)
            throw new ArgumentException("Not a BlurHash.", nameof(blurHash));

        int rgb = DecodeBase83(blurHash.AsSpan(2, 4));
        return string.Create(CultureInfo.InvariantCulture, $"#{rgb >> 16:x2}{(rgb >> 8) & 0xFF:x2}{rgb & 0xFF:x2}");
    }

    /// <summary>factors[(j * xComponents + i) * 3 + channel] = DCT term (i, j) in linear light.</summary>
    private static double[] ComputeFactors(ReadOnlySpan<byte> pixels, int width, int height, int bands, int xComponents, int yComponents)
    {
        double[] cosX = CosineTable(xComponents, width);
        double[] cosY = CosineTable(yComponents, height);
        double[] factors = new double[xComponents * yComponents * 3];

        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                (double r, double g, double b) = LinearPixel(pixels, ((y * width) + x) * bands, bands);
                for (int j = 0; j < yComponents; j++)
                {
                    double wy = cosY[(j * height) + y];
                    for (int i = 0; i < xComponents; i++)
                    {
                        double basis = cosX[(i * width) + x] * wy;
                        int f = ((j * xComponents) + i) * 3;
                        factors[f] += basis * r;
                        factors[f + 1] += basis * g;
                        factors[f + 2] += basis * b;
                    }
                }
            }
        }

        // The DC term is a plain mean; AC terms are doubled (cosine basis normalisation).
        double pixelCount = (double)width * height;
        for (int k = 0; k < factors.Length; k++)
            factors[k] *= (k < 3 ? 1.0 : 2.0) / pixelCount;

        return factors;
    }

    private static string Quantise(double[] factors, int xComponents, int yComponents)
    {
        int acCount = (xComponents * yComponents) - 1;
        var hash = new System.Text.StringBuilder(ExpectedLength(xComponents, yComponents));
        AppendBase83(hash, (xComponents - 1) + ((yComponents - 1) * 9), 1);

        double maximumValue = 1;
        if (acCount > 0)
        {
            double actualMaximum = 0;
            for (int k = 3; k < factors.Length; k++)
                actualMaximum = Math.Max(actualMaximum, Math.Abs(factors[k]));

            int quantisedMaximum = (int)Math.Clamp(Math.Floor((actualMaximum * 166) - 0.5), 0, 82);
            maximumValue = (quantisedMaximum + 1) / 166.0;
            AppendBase83(hash, quantisedMaximum, 1);
        }
        else
        {
            AppendBase83(hash, 0, 1);
        }

        int dc = (LinearToSrgb(factors[0]) << 16) + (LinearToSrgb(factors[1]) << 8) + LinearToSrgb(factors[2]);
        AppendBase83(hash, dc, 4);

        for (int k = 3; k < factors.Length; k += 3)
        {
            int ac = (QuantiseAc(factors[k], maximumValue) * 19 * 19)
                + (QuantiseAc(factors[k + 1], maximumValue) * 19)
                + QuantiseAc(factors[k + 2], maximumValue);
            AppendBase83(hash, ac, 2);
        }

        return hash.ToString();
    }

    private static (double R, double G, double B) LinearPixel(ReadOnlySpan<byte> pixels, int offset, int bands)
    {
        switch (bands)
        {
            case 1:
                double grey = SrgbToLinearTable[pixels[offset]];
                return (grey, grey, grey);
            case 2:
                double greyOverWhite = SrgbToLinearTable[OverWhite(pixels[offset], pixels[offset + 1])];
                return (greyOverWhite, greyOverWhite, greyOverWhite);
            case 3:
                return (SrgbToLinearTable[pixels[offset]], SrgbToLinearTable[pixels[offset + 1]], SrgbToLinearTable[pixels[offset + 2]]);
            default:
                byte alpha = pixels[offset + 3];
                return (
                    SrgbToLinearTable[OverWhite(pixels[offset], alpha)],
                    SrgbToLinearTable[OverWhite(pixels[offset + 1], alpha)],
                    SrgbToLinearTable[OverWhite(pixels[offset + 2], alpha)]);
        }
    }

    private static byte OverWhite(byte value, byte alpha) =>
        (byte)(((value * alpha) + (255 * (255 - alpha)) + 127) / 255);

    private static double[] CosineTable(int components, int size)
    {
        double[] table = new double[components * size];
        for (int c = 0; c < components; c++)
        {
            for (int p = 0; p < size; p++)
                table[(c * size) + p] = Math.Cos(Math.PI * c * p / size);
        }

        return table;
    }

    private static int QuantiseAc(double value, double maximumValue) =>
        (int)Math.Clamp(Math.Floor((SignPow(value / maximumValue, 0.5) * 9) + 9.5), 0, 18);

    private static double SignPow(double value, double exponent) => Math.CopySign(Math.Pow(Math.Abs(value), exponent), value);

    private static int LinearToSrgb(double value)
    {
        double v = Math.Clamp(value, 0, 1);
        return v <= 0.0031308
            ? (int)((v * 12.92 * 255) + 0.5)
            : (int)((((1.055 * Math.Pow(v, 1 / 2.4)) - 0.055) * 255) + 0.5);
    }

    private static double[] BuildSrgbToLinearTable()
    {
        double[] table = new double[256];
        for (int i = 0; i < table.Length; i++)
        {
            double v = i / 255.0;
            table[i] = v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        }

        return table;
    }

    private static void AppendBase83(System.Text.StringBuilder builder, int value, int length)
    {
        int divisor = 1;
        for (int i = 1; i < length; i++)
            divisor *= 83;

        for (int i = 0; i < length; i++)
        {
            builder.Append(Alphabet[(value / divisor) % 83]);
            divisor /= 83;
        }
    }

    private static int DecodeBase83(ReadOnlySpan<char> digits)
    {
        int value = 0;
        foreach (char c in digits)
        {
            int digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
                throw new ArgumentException("Not a BlurHash.", nameof(digits));
            value = (value * 83) + digit;
        }

        return value;
    }
}
