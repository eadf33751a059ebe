using NetVips;

namespace Clawverse.Media;

/// <summary>
/// The synchronous native work for one upload: header check, one decode, three WebP renditions.
/// Runs on a worker thread chosen by <see cref="ImageProcessor"/>; every native object it makes
/// is released before it returns, so nothing outlives the call.
/// </summary>
internal static partial class VipsImagePipeline
{
    internal const string Thumb = "thumb";
    internal const string Feed = "feed";
    internal const string Full = "full";

    /// <summary>Rendition names and the long edge each is fitted into (never enlarged).</summary>
    internal static readonly IReadOnlyList<(string Name, int LongEdge)> Renditions =
        [(Thumb, 256), (Feed, 1080), (Full, 2048)];

    private const int LargestLongEdge = 2048;

    /// <summary>libvips' name for the EXIF orientation it parses on load.</summary>
    private const string OrientationField = "orientation";

    public static ImageProcessingResult Run(string path, ImageFormat format, ImageLimits limits, ImageProcessorOptions encoding, CancellationToken ct)
    {
        Image decoded;
        int width, height;
        try
        {
            // An SVG is read once, checked as text, and rendered from those bytes.
            byte[]? svg = format == ImageFormat.Svg ? File.ReadAllBytes(path) : null;
            if (svg is not null && SvgEmbedsRasters(svg))
                return ImageProcessingResult.Failure(ImageErrors.InvalidImage("SVG with an <image> or <feImage> element"));

            // Building a loader reads the header only: width and height are known here while
            // no pixel has been decoded, which is what makes the pixel-bomb check safe.
            using Image header = svg is not null ? LoadSvg(svg, limits) : Load(path, format, shrink: 1);
            if (CheckHeader(header, limits, out width, out height) is { } rejection)
                return ImageProcessingResult.Failure(rejection);

            int shrink = JpegShrinkOnLoad(format, header, limits.LongEdgeCap ?? LargestLongEdge);
            using Image? shrunk = shrink > 1 ? Load(path, format, shrink) : null;
            decoded = DecodeToSrgb(shrunk ?? header, ct);
        }
        catch (VipsException e)
        {
            // A kill requested by cancellation also surfaces as a failed native call.
            ct.ThrowIfCancellationRequested();
            return ImageProcessingResult.Failure(ImageErrors.InvalidImage(Describe(e)));
        }

        using (decoded)
        {
            try
            {
                (IReadOnlyList<ImageVariant> variants, string blurHash) = Render(decoded, encoding, limits.LongEdgeCap, ct);
                return ImageProcessingResult.Success(
                    new ProcessedImage(format, width, height, variants, blurHash, BlurHash.AverageColorHex(blurHash)));
            }
            catch (VipsException e)
            {
                // Pixels were already decoded: a failure from here on is the server's, not the upload's.
                ct.ThrowIfCancellationRequested();
                return ImageProcessingResult.Failure(ImageErrors.ProcessingFailed(Describe(e)));
            }
        }
    }

    /// <summary>Checks the header against the limits; outputs the upright (as displayed) size.</summary>
    private static ImageProcessingError? CheckHeader(Image header, ImageLimits limits, out int width, out int height)
    {
        width = header.Width;
        height = header.Height;
        if ((long)width * height > limits.MaxPixels)
            return ImageErrors.ImageTooLarge(limits.MaxPixels);

        // EXIF orientations 5–8 are transposed: bounds apply to the image as it will be shown.
        if (header.Contains(OrientationField) && header.Get(OrientationField) is int and >= 5 and <= 8)
            (width, height) = (height, width);

        if (width < limits.MinWidth || height < limits.MinHeight)
            return ImageErrors.TooSmall(limits);
        if (width > limits.MaxWidth || height > limits.MaxHeight)
            return ImageErrors.TooLarge(limits);
        return null;
    }

    /// <summary>
    /// libjpeg can decode at 1/2, 1/4 or 1/8 scale for a fraction of the time and memory. Pick
    /// the largest factor that still leaves at least the biggest rendition's long edge.
    /// </summary>
    private static int JpegShrinkOnLoad(ImageFormat format, Image header, int largestRendition)
    {
        if (format != ImageFormat.Jpeg)
            return 1;

        int longEdge = Math.Max(header.Width, header.Height);
        int shrink = 1;
        while (shrink < 8 && longEdge / (shrink * 2) >= largestRendition)
            shrink *= 2;
        return shrink;
    }

    /// <summary>
    /// The one decode: colour-convert to 8-bit sRGB and render into memory. Decode errors in
    /// the file body (truncation, corrupt data, polyglots) surface here.
    /// </summary>
    private static Image DecodeToSrgb(Image loaded, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using Image srgb = ToSrgb(loaded);
        using Image? eightBit = srgb.Format == Enums.BandFormat.Uchar ? null : srgb.Cast(Enums.BandFormat.Uchar);
        Image source = eightBit ?? srgb;

        // Cancellation flags the image as killed; libvips checks the flag between tiles.
        using (ct.Register(static image => ((Image)image!).SetKill(true), source))
            return source.CopyMemory();
    }

    /// <summary>
    /// Pixels are converted with the embedded ICC profile when there is one (so wide-gamut and
    /// CMYK uploads look right once the saver drops the profile), otherwise by libvips'
    /// colourspace conversion. A broken profile is not fatal: fall back to the plain conversion.
    /// </summary>
    private static Image ToSrgb(Image loaded)
    {
        Image? imported = null;
        if (loaded.Contains("icc-profile-data"))
        {
            try
            {
                imported = loaded.IccTransform("srgb", embedded: true);
            }
            catch (VipsException)
            {
                imported = null;
            }
        }

        using (imported)
            return (imported ?? loaded).Colourspace(Enums.Interpretation.Srgb);
    }

    /// <summary>Makes the upright renditions and the thumb's BlurHash.</summary>
    private static (IReadOnlyList<ImageVariant> Variants, string BlurHash) Render(Image decoded, ImageProcessorOptions encoding, int? cap, CancellationToken ct)
    {
        using Image upright = decoded.Autorot();
        var variants = new List<ImageVariant>(Renditions.Count);
        string blurHash = string.Empty;

        foreach ((string name, int renditionEdge) in Renditions)
        {
            ct.ThrowIfCancellationRequested();
            int longEdge = Math.Min(renditionEdge, cap ?? renditionEdge);
            using Image fitted = upright.ThumbnailImage(longEdge, height: longEdge, size: Enums.Size.Down, noRotate: true);

            // The thumb is read twice (WebP, then BlurHash); render it once into memory.
            using Image? thumbInMemory = name == Thumb ? fitted.CopyMemory() : null;
            Image rendition = thumbInMemory ?? fitted;
            variants.Add(new ImageVariant(name, SaveWebp(rendition, encoding), rendition.Width, rendition.Height));

            if (thumbInMemory is not null)
                blurHash = BlurHash.Encode(thumbInMemory.WriteToMemory<byte>(), thumbInMemory.Width, thumbInMemory.Height, thumbInMemory.Bands);
        }

        return (variants, blurHash);
    }

    /// <summary>
    /// The loader is named from the sniffed magic bytes: libvips never guesses the format, so a
    /// file cannot steer decoding to another loader (and <see cref="VipsPolicy"/> blocks the rest).
    /// Sequential access lets loaders stream rows instead of decoding the whole file up front;
    /// fail_on=error turns truncation and decode errors into failures instead of grey fill.
    /// </summary>
    private static Image Load(string path, ImageFormat format, int shrink) => format switch
    {
        ImageFormat.Png => Image.Pngload(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
        ImageFormat.Jpeg => Image.Jpegload(path, shrink: shrink, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
        ImageFormat.Webp => Image.Webpload(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
        ImageFormat.Gif => Image.Gifload(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>
    /// An SVG is rendered from memory, never from its path: with no base location librsvg resolves no
    /// external reference, so a document cannot pull another file (a neighbouring staged upload) into its
    /// pixels. Vectors have no size of their own worth keeping: the document is rendered so its long edge
    /// is the cap (or its declared size without one), never past the pixel limit; libvips' default
    /// (not "unlimited") also bounds the XML it will parse.
    /// </summary>
    private static Image LoadSvg(byte[] document, ImageLimits limits)
    {
        using Image declared = Image.SvgloadBuffer(document, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        double longEdge = Math.Max(declared.Width, declared.Height);
        double scale = limits.LongEdgeCap is { } cap ? cap / longEdge : 1.0;
        double pixels = (double)declared.Width * declared.Height * scale * scale;
        if (pixels > limits.MaxPixels)
            scale *= Math.Sqrt(limits.MaxPixels / pixels);
        return Image.SvgloadBuffer(document, scale: scale, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
    }

    /// <summary>
    /// An SVG's &lt;image&gt; and &lt;feImage&gt; elements bring rasters (data: URIs) that librsvg decodes with loaders of
    /// its own, outside this pipeline's pixel limit and loader policy: such a document is refused. An element name
    /// cannot be written with character references in XML, so the plain text test is exact.
    /// </summary>
    private static bool SvgEmbedsRasters(byte[] document) =>
        EmbeddedRaster().IsMatch(System.Text.Encoding.UTF8.GetString(document));

    [System.Text.RegularExpressions.GeneratedRegex(@"<\s*([A-Za-z_][\w.-]*:)?(image|feImage)[\s/>]", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex EmbeddedRaster();

    /// <summary>
    /// keep=none: libvips 8.18's saver writes no EXIF, XMP or ICC chunk (8.14's ignored strip and
    /// needed a container-level stripper, ADR 0005). The pixels are already sRGB, which is what a
    /// WebP without a profile means.
    /// </summary>
    private static byte[] SaveWebp(Image image, ImageProcessorOptions encoding) =>
        image.WebpsaveBuffer(q: encoding.WebpQuality, effort: encoding.WebpEffort, keep: Enums.ForeignKeep.None);

    /// <summary>libvips' own error text: for server logs only (it can name paths and internals).</summary>
    private static string Describe(VipsException e) => e.Message.Trim();
}
