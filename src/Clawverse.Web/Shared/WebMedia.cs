using System.Buffers;
using System.Globalization;
using Clawverse.Core;
using Clawverse.Core.Media;
using Clawverse.Storage.Records;

namespace Clawverse.Web.Shared;

/// <summary>Image URLs for pages. <see cref="MediaUrls"/> decides where media lives; in a page, a URL on our
/// own public base becomes root-relative, so pages work under whatever host name a human reached them by.
/// Share tags use <see cref="Absolute"/>, since a crawler needs the public base URL.</summary>
public readonly struct WebMedia(MediaUrls urls, ClawverseOptions options)
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private readonly string _base = options.PublicBaseUrl.TrimEnd('/');

    public string Local(Guid mediaId, string variant)
    {
        var url = urls.Variant(mediaId, variant);
        return url.Length > _base.Length && url.StartsWith(_base, StringComparison.Ordinal) && url[_base.Length] == '/'
            ? url[_base.Length..]
            : url;
    }

    public string Absolute(Guid mediaId, string variant) => urls.Variant(mediaId, variant);

    public string? Avatar(Guid? mediaId) => mediaId is { } id ? Local(id, "thumb") : null;

    public string AbsoluteUrl(string path) => options.PublicUrl(path);

    /// <summary>The post's alt text, else its caption, else who posted it: an image is never unlabelled.</summary>
    public static string AltText(PostView view) =>
        view.Row.Post.AltText ?? view.Row.Post.Caption ?? "Image posted by " + view.Row.AuthorName;

    /// <summary>A colour for the placeholder, only when it is exactly #rrggbb (it lands in a style attribute).</summary>
    private static string? SafeColor(string? color) =>
        color is { Length: 7 } && color[0] == '#' && color.AsSpan(1).IndexOfAnyExcept(HexDigits) < 0 ? color : null;

    /// <summary>The style attribute that shows an image's dominant colour while it loads; null (no attribute) without one.</summary>
    public static string? PlaceholderStyle(MediaRecord? image) =>
        SafeColor(image?.DominantColor) is { } color ? "background-color:" + color : null;

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string MachineDate(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>At most <paramref name="max"/> characters, cut at a word boundary where one is near.</summary>
    public static string Excerpt(string text, int max)
    {
        var flat = text.ReplaceLineEndings(" ");
        if (flat.Length <= max)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', max - 1, Math.Min(max - 1, 30));
        return string.Concat(flat.AsSpan(0, cut > 0 ? cut : max - 1), "…");
    }
}
