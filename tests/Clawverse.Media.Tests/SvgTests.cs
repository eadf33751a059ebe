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

    [Theory]
    [InlineData("<image href='secret.png' width='64' height='64'/>")]
    [InlineData("<svg:image xlink:href='file:///etc/passwd'/>")]
    [InlineData("<IMAGE href='data:image/png;base64,iVBORw0KGgo='/>")]
    [InlineData("<filter id='f'><feImage href='secret.png'/></filter>")]
    public async Task An_svg_that_brings_in_a_raster_is_refused(string element)
    {
        // A solid red PNG beside the document: neither a relative nor a file reference, nor a data: raster (which
        // librsvg would decode outside the pixel limit), may reach its pixels.
        using (var red = Image.Black(64, 64).NewFromImage([255, 0, 0]))
        {
            red.WriteToFile(Path.Combine(_directory, "secret.png"));
        }

        var refused = await Shared.Processor.ProcessAsync(Write("leak.svg", Document("<rect width='64' height='64' fill='#fff'/>" + element, 64, 64)), Avatar);
        refused.IsSuccess.ShouldBeFalse();
        refused.Error!.Code.ShouldBe(ImageErrorCodes.InvalidImage);
    }

    [Fact]
    public async Task A_filter_heavy_svg_costs_what_its_capped_size_allows()
    {
        // Vector work is bounded by the rendered area, and the cap bounds that: the same turbulence and blur that
        // take seconds at 4000 px render at 512 px like any other avatar (no deadline would help: librsvg renders a
        // filter region in one call that libvips' kill flag cannot interrupt).
        var heavy = Document(
            "<filter id='f'><feTurbulence baseFrequency='0.01' numOctaves='10'/><feGaussianBlur stdDeviation='50'/></filter>" +
            "<rect width='4000' height='4000' filter='url(#f)'/>", 4000, 4000);
        var image = (await Shared.Processor.ProcessAsync(Write("heavy.svg", heavy), Avatar)).ShouldSucceed();
        image.GetVariant("full").Width.ShouldBe(512);
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
