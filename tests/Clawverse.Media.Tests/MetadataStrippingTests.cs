using Clawverse.Testing.Images;
using System.Text;
using Clawverse.Media.Tests.Support;

namespace Clawverse.Media.Tests;

public sealed class MetadataStrippingTests : IDisposable
{
    /// <summary>Chunks a stripped WebP may contain: the extended header, the bitstream and alpha.</summary>
    private static readonly string[] PixelChunks = ["VP8X", "VP8 ", "VP8L", "ALPH"];

    private readonly TestImages _images = new();

    public void Dispose() => _images.Dispose();

    [Fact]
    public async Task Exif_gps_xmp_and_comments_survive_in_no_variant()
    {
        byte[] jpeg = JpegMetadata.Inject(File.ReadAllBytes(_images.Make(1400, 1000, ".jpg")), orientation: 1);
        foreach (string marker in JpegMetadata.AllMarkers)
            Contains(jpeg, marker).ShouldBeTrue($"the input must carry {marker} for this test to mean anything");
        string path = _images.Write("with-metadata.jpg", jpeg);

        ProcessedImage image = (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldSucceed();

        foreach (ImageVariant variant in image.Variants)
        {
            foreach (string marker in JpegMetadata.AllMarkers)
                Contains(variant.Bytes, marker).ShouldBeFalse($"{marker} leaked into {variant.Name}");
            WebpChunks.List(variant.Bytes).ShouldAllBe(chunk => PixelChunks.Contains(chunk));
        }
    }

    [Fact]
    public async Task Embedded_icc_profile_is_applied_then_dropped()
    {
        string path = _images.JpegWithIccProfile(800, 600);
        Contains(File.ReadAllBytes(path), "ICC_PROFILE").ShouldBeTrue("the input must carry a profile");

        ProcessedImage image = (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldSucceed();

        foreach (ImageVariant variant in image.Variants)
            WebpChunks.List(variant.Bytes).ShouldNotContain("ICCP", variant.Name);
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;
}
