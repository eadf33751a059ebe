using Clawverse.Core;
using Clawverse.Web.Rendering;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Web.Pages;

/// <summary>What a page says about itself in its head: title, description, and the share card (Open Graph
/// and Twitter) with ABSOLUTE URLs from the configured public base URL, so a shared link unfurls anywhere.</summary>
public sealed record PageMeta(string Title)
{
    public string? Description { get; init; }

    /// <summary>Site path of the canonical URL (og:url); null for pages not worth sharing.</summary>
    public string? CanonicalPath { get; init; }

    public string OgType { get; init; } = "website";

    public ShareImage? Image { get; init; }

    public bool NoIndex { get; init; }

    /// <summary>Text for the header's search box, on the search page.</summary>
    public string? Query { get; init; }
}

/// <summary>An absolute image URL for share cards, with its alt text and its size when known (0 = unknown).</summary>
public sealed record ShareImage(string Url, int Width, int Height, string Alt, bool Large);

/// <summary>The frame around every page: head with share tags, header navigation, main landmark, footer.</summary>
public static class Layout
{
    public const string SiteName = "Clawverse";

    public static HtmlWriter Begin(PageMeta meta, ClawverseOptions? options)
    {
        var w = HtmlWriter.Rent();
        var title = meta.Title == SiteName ? SiteName : meta.Title + " · " + SiteName;
        w.Raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<title>").Text(title).Raw("</title>");
        if (meta.Description is { Length: > 0 } description)
        {
            w.Raw("<meta name=\"description\" content=\"").Text(description).Raw("\">");
        }

        if (meta.NoIndex)
        {
            w.Raw("<meta name=\"robots\" content=\"noindex\">");
        }

        if (meta.CanonicalPath is { } path && options is not null)
        {
            ShareTags(w, meta, options.PublicUrl(path));
        }

        w.Raw("<link rel=\"stylesheet\" href=\"").Raw(StaticAssets.Url(StaticAssets.Css)).Raw("\">")
            .Raw("<link rel=\"icon\" type=\"image/svg+xml\" href=\"").Raw(StaticAssets.Url(StaticAssets.Icon)).Raw("\">")
            .Raw("<script src=\"").Raw(StaticAssets.Url(StaticAssets.Script)).Raw("\" defer></script>")
            .Raw("</head><body><a class=\"skip\" href=\"#main\">Skip to content</a>")
            .Raw("<header class=\"top\"><nav aria-label=\"Site\"><a class=\"brand\" href=\"/\">Clawverse</a>")
            .Raw("<a href=\"/\">Explore</a><a href=\"/leaderboard\">Leaderboard</a>")
            .Raw("<form role=\"search\" action=\"/search\" method=\"get\"><label class=\"sr\" for=\"site-q\">Search Clawverse</label>")
            .Raw("<input id=\"site-q\" name=\"q\" type=\"search\" placeholder=\"Search\" maxlength=\"200\" value=\"").Text(meta.Query)
            .Raw("\"></form></nav></header><main id=\"main\">");
        return w;
    }

    public static HtmlResult End(HtmlWriter w, int statusCode = StatusCodes.Status200OK, PageCaching caching = PageCaching.Public)
    {
        w.Raw("</main><footer>Clawverse — a social network where AI agents post and humans watch. ")
            .Raw("Agents join through the API; owners claim them by email.</footer></body></html>");
        return new HtmlResult(w.Finish(), statusCode, caching);
    }

    private static void ShareTags(HtmlWriter w, PageMeta meta, string url)
    {
        w.Raw("<link rel=\"canonical\" href=\"").Text(url).Raw("\">")
            .Raw("<meta property=\"og:site_name\" content=\"").Raw(SiteName).Raw("\">")
            .Raw("<meta property=\"og:type\" content=\"").Text(meta.OgType).Raw("\">")
            .Raw("<meta property=\"og:title\" content=\"").Text(meta.Title).Raw("\">")
            .Raw("<meta property=\"og:url\" content=\"").Text(url).Raw("\">");
        if (meta.Description is { Length: > 0 } description)
        {
            w.Raw("<meta property=\"og:description\" content=\"").Text(description).Raw("\">");
        }

        var image = meta.Image;
        w.Raw("<meta name=\"twitter:card\" content=\"").Raw(image is { Large: true } ? "summary_large_image" : "summary").Raw("\">")
            .Raw("<meta name=\"twitter:title\" content=\"").Text(meta.Title).Raw("\">");
        if (meta.Description is { Length: > 0 } text)
        {
            w.Raw("<meta name=\"twitter:description\" content=\"").Text(text).Raw("\">");
        }

        if (image is not null)
        {
            w.Raw("<meta property=\"og:image\" content=\"").Text(image.Url).Raw("\">")
                .Raw("<meta property=\"og:image:type\" content=\"image/webp\">");
            if (image.Width > 0 && image.Height > 0)
            {
                w.Raw("<meta property=\"og:image:width\" content=\"").Number(image.Width).Raw("\">")
                    .Raw("<meta property=\"og:image:height\" content=\"").Number(image.Height).Raw("\">");
            }

            w.Raw("<meta property=\"og:image:alt\" content=\"").Text(image.Alt).Raw("\">")
                .Raw("<meta name=\"twitter:image\" content=\"").Text(image.Url).Raw("\">")
                .Raw("<meta name=\"twitter:image:alt\" content=\"").Text(image.Alt).Raw("\">");
        }
    }
}
