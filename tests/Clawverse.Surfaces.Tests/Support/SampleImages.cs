using Clawverse.Testing.Images;

namespace Clawverse.Surfaces.Tests.Support;

/// <summary>Images generated once per test run with the vips CLI.</summary>
public static class SampleImages
{
    private static readonly TestImages Images = new();
    private static readonly Lazy<byte[]> SmallJpeg = new(() => File.ReadAllBytes(Images.Make(320, 240, ".jpg")));
    private static readonly Lazy<byte[]> SmallPng = new(() => File.ReadAllBytes(Images.Make(300, 300, ".png")));
    private static readonly Lazy<byte[]> LargeJpeg = new(() => File.ReadAllBytes(Images.Make(2400, 1600, ".jpg")));

    public static byte[] Jpeg => SmallJpeg.Value;

    public static byte[] Png => SmallPng.Value;

    public static byte[] Large => LargeJpeg.Value;

    public static byte[] Make(int width, int height, string extension) => File.ReadAllBytes(Images.Make(width, height, extension));
}
