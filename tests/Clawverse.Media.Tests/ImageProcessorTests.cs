using Clawverse.Testing.Images;
using Clawverse.Media.Tests.Support;

namespace Clawverse.Media.Tests;

public sealed class ImageProcessorTests : IDisposable
{
    private readonly TestImages _images = new();

    public void Dispose() => _images.Dispose();

    [Theory]
    [InlineData(".jpg", ImageFormat.Jpeg)]
    [InlineData(".png", ImageFormat.Png)]
    [InlineData(".webp", ImageFormat.Webp)]
    public async Task Makes_three_webp_variants_fitted_to_their_long_edges(string extension, ImageFormat format)
    {
        string path = _images.Make(3000, 2000, extension);

        ProcessedImage image = (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldSucceed();

        image.Format.ShouldBe(format);
        (image.Width, image.Height).ShouldBe((3000, 2000));
        image.Variants.Select(v => v.Name).ShouldBe(["thumb", "feed", "full"]);
        AssertFitted(image.GetVariant("thumb"), 256, 171);
        AssertFitted(image.GetVariant("feed"), 1080, 720);
        AssertFitted(image.GetVariant("full"), 2048, 1365);
        foreach (ImageVariant variant in image.Variants)
        {
            ImageSniffer.Detect(variant.Bytes).ShouldBe(ImageFormat.Webp);
            variant.ContentType.ShouldBe("image/webp");
            variant.ByteSize.ShouldBe(variant.Bytes.Length);
        }
    }

    [Fact]
    public async Task Portrait_images_are_fitted_by_their_height()
    {
        string path = _images.Make(1200, 1600, ".png");

        ProcessedImage image = (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldSucceed();

        AssertFitted(image.GetVariant("thumb"), 192, 256);
        AssertFitted(image.GetVariant("feed"), 810, 1080);
        AssertFitted(image.GetVariant("full"), 1200, 1600);
    }

    [Fact]
    public async Task Small_images_are_never_upscaled()
    {
        string path = _images.Make(300, 200, ".jpg");

        ProcessedImage image = (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldSucceed();

        AssertFitted(image.GetVariant("thumb"), 256, 171);
        AssertFitted(image.GetVariant("feed"), 300, 200);
        AssertFitted(image.GetVariant("full"), 300, 200);
    }

    [Fact]
    public async Task Large_jpegs_use_shrink_on_load_and_still_fill_the_full_variant()
    {
        string path = _images.Make(6000, 4500, ".jpg", "Q=85");

        ProcessedImage image = (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldSucceed();

        (image.Width, image.Height).ShouldBe((6000, 4500), "reported size is the original's, not the shrunk decode's");
        AssertFitted(image.GetVariant("full"), 2048, 1536);
    }

    [Fact]
    public async Task Exif_orientation_is_applied_and_reported_dimensions_are_upright()
    {
        byte[] jpeg = JpegMetadata.Inject(File.ReadAllBytes(_images.Make(600, 400, ".jpg")), orientation: 6);
        string path = _images.Write("rotated.jpg", jpeg);

        ProcessedImage image = (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldSucceed();

        (image.Width, image.Height).ShouldBe((400, 600));
        AssertFitted(image.GetVariant("full"), 400, 600);
        AssertFitted(image.GetVariant("thumb"), 171, 256);
    }

    [Fact]
    public async Task Images_with_alpha_keep_it()
    {
        string path = _images.WithAlpha(400, 300, alpha: 128);

        ProcessedImage image = (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldSucceed();

        // Lossy WebP stores alpha in an ALPH chunk next to the VP8 bitstream.
        WebpChunks.List(image.GetVariant("feed").Bytes).ShouldContain("ALPH");
    }

    [Fact]
    public async Task Gif_is_accepted_when_the_surface_allows_it()
    {
        string path = _images.Make(320, 240, ".gif");

        ProcessedImage image = (await Shared.Processor.ProcessAsync(path, Shared.Limits with { AllowGif = true })).ShouldSucceed();

        image.Format.ShouldBe(ImageFormat.Gif);
        AssertFitted(image.GetVariant("full"), 320, 240);
    }

    [Fact]
    public async Task Blurhash_and_average_colour_describe_the_image()
    {
        string path = _images.Solid(512, 512, (200, 30, 60), ".png");

        ProcessedImage image = (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldSucceed();

        image.BlurHash.Length.ShouldBe(BlurHash.ExpectedLength(4, 3));
        image.BlurHash[0].ShouldBe('L', "4×3 components");
        AssertColour(image.DominantColor, (200, 30, 60), tolerance: 2);
    }

    [Theory]
    [InlineData("rgb16", ".png", "", 200, 30, 60, 2)]
    [InlineData("b-w", ".png", "", 101, 101, 101, 2)]
    // CMYK: making the input already moves this saturated red out of and back into gamut, so
    // allow ~25 levels; CMYK read as RGB or with inverted inks would be off by far more.
    [InlineData("cmyk", ".jpg", "", 200, 30, 60, 30)] // with vips' CMYK profile embedded
    [InlineData("cmyk", ".jpg", "strip", 200, 30, 60, 30)] // bare CMYK: converted with the built-in profile
    public async Task Other_colour_spaces_are_converted_to_8_bit_srgb(string space, string extension, string options, int r, int g, int b, int tolerance)
    {
        string path = _images.SolidIn(space, (200, 30, 60), extension, options);

        ProcessedImage image = (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldSucceed();

        AssertColour(image.DominantColor, (r, g, b), tolerance);
    }

    [Fact]
    public async Task Eight_parallel_uploads_all_succeed()
    {
        string[] paths = [.. Enumerable.Range(0, 8).Select(i => _images.Make(1600 + (i * 10), 1200, i % 2 == 0 ? ".jpg" : ".png"))];
        using var processor = new ImageProcessor(new ImageProcessorOptions { MaxConcurrency = 4 });

        ImageProcessingResult[] results = await Task.WhenAll(paths.Select(p => processor.ProcessAsync(p, Shared.Limits)));

        results.ShouldAllBe(r => r.IsSuccess);
        results.Select(r => r.Image!.Width).ShouldBe(Enumerable.Range(0, 8).Select(i => 1600 + (i * 10)));
    }

    [Fact]
    public async Task The_webp_effort_reaches_the_encoder()
    {
        string path = _images.Make(1200, 800, ".jpg");
        using var fastest = new ImageProcessor(new ImageProcessorOptions { WebpEffort = 0 });
        using var slowest = new ImageProcessor(new ImageProcessorOptions { WebpEffort = 6 });

        ImageVariant fast = (await fastest.ProcessAsync(path, Shared.Limits)).ShouldSucceed().GetVariant("full");
        ImageVariant slow = (await slowest.ProcessAsync(path, Shared.Limits)).ShouldSucceed().GetVariant("full");

        // Same pixels and quality, different search effort: libwebp writes a different bitstream.
        (fast.Width, fast.Height).ShouldBe((slow.Width, slow.Height));
        fast.Bytes.ShouldNotBe(slow.Bytes);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void A_webp_effort_outside_0_to_6_is_refused(int effort) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new ImageProcessor(new ImageProcessorOptions { WebpEffort = effort }));

    [Fact]
    public async Task A_cancelled_request_throws_operation_cancelled()
    {
        string path = _images.Make(400, 300, ".png");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => Shared.Processor.ProcessAsync(path, Shared.Limits, cancelled.Token));
    }

    private static void AssertColour(string hex, (int R, int G, int B) expected, int tolerance)
    {
        hex.ShouldMatch("^#[0-9a-f]{6}$");
        int r = Convert.ToInt32(hex[1..3], 16);
        int g = Convert.ToInt32(hex[3..5], 16);
        int b = Convert.ToInt32(hex[5..7], 16);
        Math.Abs(r - expected.R).ShouldBeLessThanOrEqualTo(tolerance, $"red of {hex}");
        Math.Abs(g - expected.G).ShouldBeLessThanOrEqualTo(tolerance, $"green of {hex}");
        Math.Abs(b - expected.B).ShouldBeLessThanOrEqualTo(tolerance, $"blue of {hex}");
    }

    private static void AssertFitted(ImageVariant variant, int width, int height)
    {
        // libvips rounds the short edge; allow one pixel either way there, none on the long edge.
        if (width >= height)
        {
            variant.Width.ShouldBe(width, variant.Name);
            variant.Height.ShouldBeInRange(height - 1, height + 1, variant.Name);
        }
        else
        {
            variant.Height.ShouldBe(height, variant.Name);
            variant.Width.ShouldBeInRange(width - 1, width + 1, variant.Name);
        }
    }
}
