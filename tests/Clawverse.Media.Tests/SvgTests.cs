using System.Text;
using Clawverse.Testing.Images;
using Clawverse.Media.Tests.Support;
using NetVips;

namespace Clawverse.Media.Tests;

/// <summary>SVG, for the surfaces that allow it (ClawVatar): rendered to WebP renditions at the cap, never kept as
/// SVG, and unable to pull any file into its pixels.</summary>
public sealed class SvgTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("clawverse-svg-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ImageLimits Avatar => Shared.Limits with { AllowSvg = true, LongEdgeCap = 512, MinWidth = 16, MinHeight = 16 };

    [Fact]
    public async Task An_svg_is_refused_unless_the_surface_allows_it()
    {
        var path = Write("plain.svg", Document("<rect width='64' height='32' fill='#36c'/>", 64, 32));
        var refused = await Shared.Processor.ProcessAsync(path, Shared.Limits);
        refused.IsSuccess.ShouldBeFalse();
        refused.Error!.Code.ShouldBe(ImageErrorCodes.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_svg_is_rendered_at_the_cap_whatever_its_declared_size()
    {
        var image = (await Shared.Processor.ProcessAsync(Write("wide.svg", Document("<rect width='64' height='32' fill='#36c'/>", 64, 32)), Avatar)).ShouldSucceed();
        image.Format.ShouldBe(ImageFormat.Svg);
        image.GetVariant("full").Width.ShouldBe(512);
        image.GetVariant("full").Height.ShouldBe(256);
        image.GetVariant("thumb").Width.ShouldBe(256);
        image.Variants.ShouldAllBe(variant => ImageSniffer.Detect(variant.Bytes) == ImageFormat.Webp);
    }

    [Fact]
    public async Task A_huge_declared_size_is_rendered_at_the_cap_not_decoded_at_its_size()
    {
        var image = (await Shared.Processor.ProcessAsync(Write("huge.svg", Document("<circle cx='50000' cy='50000' r='40000' fill='#c33'/>", 100_000, 100_000)), Avatar)).ShouldSucceed();
        image.GetVariant("full").Width.ShouldBe(512);
    }

    [Fact]
    public async Task An_svg_cannot_pull_a_neighbouring_file_into_its_pixels()
    {
        // A solid red PNG beside the SVG, referenced relatively and by file URL: rendering from memory resolves neither.
        using (var red = Image.Black(64, 64).NewFromImage([255, 0, 0]))
        {
            red.WriteToFile(Path.Combine(_directory, "secret.png"));
        }

        var svg = Document(
            "<rect width='64' height='64' fill='#fff'/>" +
            "<image href='secret.png' width='64' height='64'/>" +
            $"<image href='file://{Path.Combine(_directory, "secret.png")}' width='64' height='64'/>", 64, 64);
        var rendered = await Shared.Processor.ProcessAsync(Write("leak.svg", svg), Avatar);
        if (!rendered.IsSuccess)
        {
            return; // Refusing the document is safe too.
        }

        using var full = Image.NewFromBuffer(rendered.Image!.GetVariant("full").Bytes);
        full.Avg().ShouldBeGreaterThan(250, "white only: the red file was not drawn");
    }

    [Fact]
    public async Task Text_that_only_looks_like_svg_is_not_an_image()
    {
        var refused = await Shared.Processor.ProcessAsync(Write("fake.svg", "<?xml version='1.0'?><note>hello</note>"), Avatar);
        refused.IsSuccess.ShouldBeFalse();
        refused.Error!.Code.ShouldBe(ImageErrorCodes.InvalidImage);
    }

    private static string Document(string body, int width, int height) =>
        $"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' viewBox='0 0 {width} {height}'>{body}</svg>";

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text, Encoding.UTF8);
        return path;
    }
}
