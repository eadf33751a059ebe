using Clawverse.Testing.Images;
using NetVips;

namespace Clawverse.Media.Tests;

/// <summary>
/// The process-wide libvips policy: the bundled libvips is the one loaded (its saver is what
/// keeps metadata out), and no loader outside the accepted formats can run, even when named.
/// </summary>
public sealed class VipsPolicyTests : IDisposable
{
    private readonly TestImages _images = new();

    public VipsPolicyTests() => VipsPolicy.EnsureApplied();

    public void Dispose() => _images.Dispose();

    [Fact]
    public void The_bundled_libvips_is_loaded_not_the_system_one()
    {
        Version.Parse(VipsPolicy.EnsureApplied()).ShouldBeGreaterThanOrEqualTo(new Version(8, 18, 7));

        string[] libvips = File.ReadAllLines("/proc/self/maps")
            .Where(line => line.Contains("libvips", StringComparison.Ordinal))
            .Select(line => line[line.IndexOf('/', StringComparison.Ordinal)..])
            .Distinct()
            .ToArray();
        libvips.ShouldNotBeEmpty();
        libvips.ShouldAllBe(path => path.StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal), "a system libvips is in the process");
    }

    [Theory]
    [InlineData(".tif")]
    [InlineData(".avif")]
    [InlineData(".jp2")]
    [InlineData(".v")]
    public void A_loader_outside_the_allow_list_refuses_even_when_libvips_picks_it(string extension)
    {
        // A valid file (the vips CLI, on the system libvips, just wrote it) of a format we never accept.
        string path = _images.Make(64, 64, extension);

        Should.Throw<VipsException>(() =>
        {
            using Image image = Image.NewFromFile(path);
            _ = image.Avg();
        }).Message.ShouldContain("unable to load", Case.Insensitive);
    }

    [Fact]
    public void A_blocked_loader_named_directly_says_so()
    {
        string path = _images.Make(64, 64, ".tif");

        Should.Throw<VipsException>(() =>
        {
            using Image image = Image.Tiffload(path);
            _ = image.Avg();
        }).Message.ShouldContain("blocked", Case.Insensitive);
    }

    [Fact]
    public void Svg_reaches_only_the_loader_from_memory()
    {
        byte[] drawing = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\"/>"u8.ToArray();
        string path = _images.Write("drawing.svg", drawing);

        // From a path, librsvg would resolve the document's relative references against its directory.
        Should.Throw<VipsException>(() =>
        {
            using Image image = Image.Svgload(path);
            _ = image.Avg();
        });
        using Image fromMemory = Image.SvgloadBuffer(drawing);
        fromMemory.Width.ShouldBe(64);
    }

    [Theory]
    [InlineData(ImageFormat.Png, ".png")]
    [InlineData(ImageFormat.Jpeg, ".jpg")]
    [InlineData(ImageFormat.Webp, ".webp")]
    [InlineData(ImageFormat.Gif, ".gif")]
    public void Every_accepted_format_still_loads(ImageFormat format, string extension)
    {
        VipsPolicy.LoaderClasses.ShouldContainKey(format);
        using Image image = Image.NewFromFile(_images.Make(64, 64, extension));

        image.Width.ShouldBe(64);
        image.Avg().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Every_format_the_sniffer_admits_has_an_allowed_loader() =>
        Enum.GetValues<ImageFormat>().ShouldAllBe(format => VipsPolicy.LoaderClasses.ContainsKey(format));
}
