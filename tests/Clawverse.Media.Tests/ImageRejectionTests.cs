using Clawverse.Testing.Images;
using System.Diagnostics;
using System.Text;
using Clawverse.Media.Tests.Support;

namespace Clawverse.Media.Tests;

public sealed class ImageRejectionTests : IDisposable
{
    private readonly TestImages _images = new();

    public void Dispose() => _images.Dispose();

    [Fact]
    public async Task Zero_byte_file_is_empty_file()
    {
        string path = _images.Write("empty.png", []);

        ImageProcessingError error = (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldFailWith(ImageErrorCodes.EmptyFile);

        error.HttpStatus.ShouldBe(400);
    }

    [Fact]
    public async Task File_over_max_bytes_is_file_too_large()
    {
        string path = _images.Make(400, 300, ".png");
        long size = new FileInfo(path).Length;

        ImageProcessingError error = (await Shared.Processor.ProcessAsync(path, Shared.Limits with { MaxBytes = size - 1 }))
            .ShouldFailWith(ImageErrorCodes.FileTooLarge);

        error.HttpStatus.ShouldBe(413);
        (await Shared.Processor.ProcessAsync(path, Shared.Limits with { MaxBytes = size })).IsSuccess.ShouldBeTrue("the limit is inclusive");
    }

    [Theory]
    [InlineData("BM\u0036\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0036\u0000\u0000\u0000")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4000\" height=\"4000\"></svg>")]
    [InlineData("%PDF-1.7 not an image")]
    public async Task Unknown_formats_are_unsupported_media_type(string content)
    {
        string path = _images.Write("upload.png", Encoding.Latin1.GetBytes(content));

        ImageProcessingError error = (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldFailWith(ImageErrorCodes.UnsupportedMediaType);

        error.HttpStatus.ShouldBe(415);
    }

    [Fact]
    public async Task Gif_is_refused_unless_the_surface_allows_it()
    {
        string path = _images.Make(320, 240, ".gif");

        (await Shared.Processor.ProcessAsync(path, Shared.Limits with { AllowGif = false })).ShouldFailWith(ImageErrorCodes.UnsupportedMediaType);
    }

    [Fact]
    public async Task Pixel_bomb_is_refused_from_the_header_quickly()
    {
        string path = _images.Write("bomb.png", PngBomb.TwentyThousandSquare);
        new FileInfo(path).Length.ShouldBeLessThan(200_000, "the bomb is a small file");
        var stopwatch = Stopwatch.StartNew();

        ImageProcessingError error = (await Shared.Processor.ProcessAsync(path, Shared.Limits with { MaxWidth = 20000, MaxHeight = 20000 }))
            .ShouldFailWith(ImageErrorCodes.ImageTooLarge);

        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2), "decoding 400 megapixels would take far longer");
        error.HttpStatus.ShouldBe(422);
    }

    [Fact]
    public async Task Truncated_jpeg_is_invalid_image()
    {
        byte[] jpeg = File.ReadAllBytes(_images.Make(800, 600, ".jpg", "Q=95"));
        string path = _images.Write("truncated.jpg", jpeg[..(jpeg.Length * 6 / 10)]);

        ImageProcessingError error = (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldFailWith(ImageErrorCodes.InvalidImage);

        error.HttpStatus.ShouldBe(422);
    }

    [Fact]
    public async Task Truncated_png_is_invalid_image()
    {
        byte[] png = File.ReadAllBytes(_images.Make(800, 600, ".png"));
        string path = _images.Write("truncated.png", png[..(png.Length / 2)]);

        (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldFailWith(ImageErrorCodes.InvalidImage);
    }

    [Fact]
    public async Task Png_magic_followed_by_html_is_invalid_image_and_leaks_no_native_text()
    {
        byte[] polyglot = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. "<html><script>alert(1)</script></html>"u8];
        string path = _images.Write("polyglot.png", polyglot);

        ImageProcessingError error = (await Shared.Processor.ProcessAsync(path, Shared.Limits)).ShouldFailWith(ImageErrorCodes.InvalidImage);

        error.Message.ShouldBe("The file is not a valid image or is corrupt.");
        error.Message.ShouldNotContain(path);
        error.InternalDetail.ShouldNotBeNullOrEmpty("libvips' text is kept for the logs");
        System.Text.Json.JsonSerializer.Serialize(error).ShouldNotContain("InternalDetail");
    }

    [Fact]
    public async Task Jpeg_and_webp_magic_with_garbage_are_invalid_image()
    {
        string jpeg = _images.Write("garbage.jpg", [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[200]]);
        string webp = _images.Write("garbage.webp", [.. "RIFF"u8, 100, 0, 0, 0, .. "WEBPVP8 "u8, .. new byte[92]]);

        (await Shared.Processor.ProcessAsync(jpeg, Shared.Limits)).ShouldFailWith(ImageErrorCodes.InvalidImage);
        (await Shared.Processor.ProcessAsync(webp, Shared.Limits)).ShouldFailWith(ImageErrorCodes.InvalidImage);
    }

    [Theory]
    [InlineData(255, 300)]
    [InlineData(300, 255)]
    public async Task Below_minimum_dimensions_is_too_small(int width, int height)
    {
        string path = _images.Make(width, height, ".png");
        ImageLimits limits = Shared.Limits with { MinWidth = 256, MinHeight = 256 };

        ImageProcessingError error = (await Shared.Processor.ProcessAsync(path, limits)).ShouldFailWith(ImageErrorCodes.ImageDimensionsTooSmall);

        error.HttpStatus.ShouldBe(422);
        error.Message.ShouldContain("256x256");
    }

    [Theory]
    [InlineData(2049, 1000)]
    [InlineData(1000, 2049)]
    public async Task Above_maximum_dimensions_is_too_large(int width, int height)
    {
        string path = _images.Make(width, height, ".jpg");
        ImageLimits limits = Shared.Limits with { MaxWidth = 2048, MaxHeight = 2048 };

        (await Shared.Processor.ProcessAsync(path, limits)).ShouldFailWith(ImageErrorCodes.ImageDimensionsTooLarge);
    }

    [Fact]
    public async Task Exact_bounds_are_accepted()
    {
        string path = _images.Make(256, 2048, ".jpg");
        ImageLimits limits = Shared.Limits with { MinWidth = 256, MinHeight = 256, MaxWidth = 2048, MaxHeight = 2048 };

        (await Shared.Processor.ProcessAsync(path, limits)).ShouldSucceed();
    }

    [Fact]
    public async Task Dimension_bounds_apply_to_the_upright_image()
    {
        // Stored 600×400 with orientation 6: shown 400×600, which is too tall for a 500 px limit.
        byte[] jpeg = JpegMetadata.Inject(File.ReadAllBytes(_images.Make(600, 400, ".jpg")), orientation: 6);
        string path = _images.Write("rotated.jpg", jpeg);

        (await Shared.Processor.ProcessAsync(path, Shared.Limits with { MaxWidth = 1000, MaxHeight = 500 }))
            .ShouldFailWith(ImageErrorCodes.ImageDimensionsTooLarge);
    }

    [Fact]
    public async Task Inconsistent_limits_are_a_programming_error()
    {
        string path = _images.Make(64, 64, ".png");

        await Should.ThrowAsync<ArgumentOutOfRangeException>(
            () => Shared.Processor.ProcessAsync(path, Shared.Limits with { MinWidth = 500, MaxWidth = 100 }));
    }
}
