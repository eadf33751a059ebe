using System.Text;

namespace Clawverse.Testing.Images;

/// <summary>
/// Generates input images in a private temp directory: pixels are computed here, written as a
/// PPM, then converted by the vips CLI (vips picks the saver from the extension and options in
/// brackets, e.g. "x.jpg[Q=90]").
/// </summary>
public sealed class TestImages : IDisposable
{
    public TestImages()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("clawverse-media-tests-").FullName;
    }

    public string Directory { get; }

    public string PathFor(string name) => Path.Combine(Directory, name);

    /// <summary>A busy, colourful test pattern (gradients plus a checkerboard) in the given format.</summary>
    public string Make(int width, int height, string extension, string saveOptions = "") =>
        Convert(Ppm(width, height, Pattern), extension, saveOptions);

    /// <summary>A single-colour image.</summary>
    public string Solid(int width, int height, (byte R, byte G, byte B) colour, string extension) =>
        Convert(Ppm(width, height, (_, _) => colour), extension, string.Empty);

    /// <summary>A single-colour image converted by vips to another colour space (cmyk, rgb16, b-w, ...).</summary>
    public string SolidIn(string space, (byte R, byte G, byte B) colour, string extension, string saveOptions = "")
    {
        string source = Ppm(64, 64, (_, _) => colour);
        string output = PathFor($"{Guid.NewGuid():N}{extension}");
        VipsCli.Run("colourspace", source, saveOptions.Length == 0 ? output : $"{output}[{saveOptions}]", space);
        return output;
    }

    /// <summary>An RGBA PNG: the pattern plus a constant alpha band.</summary>
    public string WithAlpha(int width, int height, byte alpha)
    {
        string rgb = Make(width, height, ".png");
        string output = PathFor($"{Guid.NewGuid():N}.png");
        VipsCli.Run("bandjoin_const", rgb, output, alpha.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return output;
    }

    /// <summary>A JPEG carrying an embedded ICC profile (vips attaches the sRGB profile it converted to).</summary>
    public string JpegWithIccProfile(int width, int height)
    {
        string png = Make(width, height, ".png");
        string output = PathFor($"{Guid.NewGuid():N}.jpg");
        VipsCli.Run("icc_transform", png, output, "srgb");
        return output;
    }

    public string Write(string name, byte[] bytes)
    {
        string path = PathFor(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test run.
        }
    }

    private static (byte, byte, byte) Pattern(int x, int y) =>
        ((byte)(x * 7), (byte)(y * 5), (byte)(((x / 16) + (y / 16)) % 2 == 0 ? 40 : 220));

    private string Ppm(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        byte[] header = Encoding.ASCII.GetBytes($"P6\n{width} {height}\n255\n");
        byte[] data = new byte[header.Length + (width * height * 3)];
        header.CopyTo(data, 0);
        int offset = header.Length;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                (byte r, byte g, byte b) = pixel(x, y);
                data[offset++] = r;
                data[offset++] = g;
                data[offset++] = b;
            }
        }

        return Write($"{Guid.NewGuid():N}.ppm", data);
    }

    private string Convert(string source, string extension, string saveOptions)
    {
        string output = PathFor($"{Guid.NewGuid():N}{extension}");
        VipsCli.Run("copy", source, saveOptions.Length == 0 ? output : $"{output}[{saveOptions}]");
        return output;
    }
}
