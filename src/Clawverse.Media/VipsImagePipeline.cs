using System.Globalization;
using Clawverse.Media.Vips;

namespace Clawverse.Media;

/// <summary>
/// The synchronous native work for one upload: header check, one decode, three WebP renditions.
/// Runs on a worker thread chosen by <see cref="ImageProcessor"/>; every native object it makes
/// is released before it returns, so nothing outlives the call.
/// </summary>
internal static class VipsImagePipeline
{
    internal const string Thumb = "thumb";
    internal const string Feed = "feed";
    internal const string Full = "full";

    /// <summary>Rendition names and the long edge each is fitted into (never enlarged).</summary>
    internal static readonly IReadOnlyList<(string Name, int LongEdge)> Renditions =
        [(Thumb, 256), (Feed, 1080), (Full, 2048)];

    private const int LargestLongEdge = 2048;

    /// <summary>
    /// Sequential access lets loaders stream rows instead of decoding the whole file up front;
    /// fail_on=error turns truncation and decode errors into failures instead of grey fill.
    /// </summary>
    private const string LoadOptions = "access=sequential,fail_on=error";

    public static ImageProcessingResult Run(string path, ImageFormat format, ImageLimits limits, int webpQuality, CancellationToken ct)
    {
        VipsImage decoded;
        int width, height;
        try
        {
            // Building a loader reads the header only: width and height are known here while
            // no pixel has been decoded, which is what makes the pixel-bomb check safe.
            using VipsImage header = Load(path, format, shrink: 1);
            if (CheckHeader(header, limits, out width, out height) is { } rejection)
                return ImageProcessingResult.Failure(rejection);

            int shrink = JpegShrinkOnLoad(format, header);
            using VipsImage? shrunk = shrink > 1 ? Load(path, format, shrink) : null;
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
                (IReadOnlyList<ImageVariant> variants, string blurHash) = Render(decoded, webpQuality, ct);
                return ImageProcessingResult.Success(
                    new ProcessedImage(format, width, height, variants, blurHash, BlurHash.AverageColorHex(blurHash)));
            }
            catch (Exception e) when (e is VipsException or InvalidDataException)
            {
                // Pixels were already decoded: a failure from here on is the server's, not the upload's.
                ct.ThrowIfCancellationRequested();
                return ImageProcessingResult.Failure(ImageErrors.ProcessingFailed(e is VipsException v ? Describe(v) : e.Message));
            }
        }
    }

    /// <summary>Checks the header against the limits; outputs the upright (as displayed) size.</summary>
    private static ImageProcessingError? CheckHeader(VipsImage header, ImageLimits limits, out int width, out int height)
    {
        width = header.Width;
        height = header.Height;
        if ((long)width * height > limits.MaxPixels)
            return ImageErrors.ImageTooLarge(limits.MaxPixels);

        // EXIF orientations 5–8 are transposed: bounds apply to the image as it will be shown.
        if (header.GetInt("orientation") is >= 5 and <= 8)
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
    private static int JpegShrinkOnLoad(ImageFormat format, VipsImage header)
    {
        if (format != ImageFormat.Jpeg)
            return 1;

        int longEdge = Math.Max(header.Width, header.Height);
        int shrink = 1;
        while (shrink < 8 && longEdge / (shrink * 2) >= LargestLongEdge)
            shrink *= 2;
        return shrink;
    }

    /// <summary>
    /// The one decode: colour-convert to 8-bit sRGB and render into memory. Decode errors in
    /// the file body (truncation, corrupt data, polyglots) surface here.
    /// </summary>
    private static VipsImage DecodeToSrgb(VipsImage loaded, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using VipsImage srgb = ToSrgb(loaded);
        using VipsImage? eightBit = srgb.IsUChar ? null : Apply("cast", srgb, "format=uchar");
        VipsImage source = eightBit ?? srgb;

        // Cancellation flags the image as killed; libvips checks the flag between tiles.
        using (ct.Register(static image => ((VipsImage)image!).Kill(), source))
            return source.CopyMemory();
    }

    /// <summary>
    /// Pixels are converted with the embedded ICC profile when there is one (so wide-gamut and
    /// CMYK uploads look right once the profile is stripped), otherwise by libvips' colourspace
    /// conversion. A broken profile is not fatal: fall back to the plain conversion.
    /// </summary>
    private static VipsImage ToSrgb(VipsImage loaded)
    {
        VipsImage? imported = null;
        if (loaded.HasField("icc-profile-data"))
        {
            try
            {
                imported = Apply("icc_transform", loaded, "output_profile=srgb,embedded=true");
            }
            catch (VipsException)
            {
                imported = null;
            }
        }

        using (imported)
            return Apply("colourspace", imported ?? loaded, "space=srgb");
    }

    /// <summary>Makes the renditions (upright, metadata-free) and the thumb's BlurHash.</summary>
    private static (IReadOnlyList<ImageVariant> Variants, string BlurHash) Render(VipsImage decoded, int webpQuality, CancellationToken ct)
    {
        using VipsImage rotated = Apply("autorot", decoded);
        using VipsImage upright = WithoutMetadata(rotated);
        var variants = new List<ImageVariant>(Renditions.Count);
        string blurHash = string.Empty;

        foreach ((string name, int longEdge) in Renditions)
        {
            ct.ThrowIfCancellationRequested();
            using VipsImage fitted = Fit(upright, longEdge);

            // The thumb is read twice (WebP, then BlurHash); render it once into memory.
            using VipsImage? thumbInMemory = name == Thumb ? fitted.CopyMemory() : null;
            VipsImage rendition = thumbInMemory ?? fitted;
            variants.Add(new ImageVariant(name, SaveWebp(rendition, webpQuality), rendition.Width, rendition.Height));

            if (thumbInMemory is not null)
                blurHash = BlurHash.Encode(thumbInMemory.ReadPixels(), thumbInMemory.Width, thumbInMemory.Height, thumbInMemory.Bands);
        }

        return (variants, blurHash);
    }

    private static VipsImage Load(string path, ImageFormat format, int shrink)
    {
        // The loader is named from the sniffed magic bytes: libvips never guesses the format,
        // so a file cannot steer decoding to a loader we did not intend (SVG, PDF, ...).
        string loader = format switch
        {
            ImageFormat.Png => "pngload",
            ImageFormat.Jpeg => "jpegload",
            ImageFormat.Webp => "webpload",
            ImageFormat.Gif => "gifload",
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };

        using VipsOperation load = VipsOperation.Create(loader);
        load.Set("filename", path);
        load.SetOptions(shrink > 1 ? string.Create(CultureInfo.InvariantCulture, $"{LoadOptions},shrink={shrink}") : LoadOptions);
        load.Build();
        return load.GetImage("out");
    }

    /// <summary>Fits into a long-edge box with thumbnail_image (alpha-aware), never enlarging.</summary>
    private static VipsImage Fit(VipsImage image, int longEdge) =>
        Apply("thumbnail_image", image, string.Create(CultureInfo.InvariantCulture, $"width={longEdge},height={longEdge},size=down,no_rotate=true"));

    /// <summary>
    /// A private copy (sharing pixels) with every metadata field removed. This, not the saver's
    /// strip option, is what guarantees no uploader metadata survives: libvips 8.14's webpsave
    /// ignores strip and writes EXIF/XMP/ICC anyway (libvips/libvips#3340).
    /// </summary>
    private static VipsImage WithoutMetadata(VipsImage image)
    {
        VipsImage copy = Apply("copy", image);
        copy.RemoveAllMetadata();
        return copy;
    }

    /// <summary>
    /// strip=true for libvips versions whose saver honours it; the container-level strip then
    /// removes the EXIF block libvips synthesises regardless.
    /// </summary>
    private static byte[] SaveWebp(VipsImage image, int quality)
    {
        using VipsOperation save = VipsOperation.Create("webpsave_buffer");
        save.Set("in", image);
        save.SetOptions(string.Create(CultureInfo.InvariantCulture, $"Q={quality},strip=true,effort=4"));
        save.Build();
        return WebpContainer.StripMetadataChunks(save.GetBlob("buffer"));
    }

    /// <summary>Runs a one-image-in, one-image-out operation.</summary>
    private static VipsImage Apply(string operation, VipsImage input, string? options = null)
    {
        using VipsOperation op = VipsOperation.Create(operation);
        op.Set("in", input);
        if (options is not null)
            op.SetOptions(options);
        op.Build();
        return op.GetImage("out");
    }

    private static string Describe(VipsException e) => $"{e.Operation}: {e.NativeDetail}";
}
