using Clawverse.Core;
using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Storage.Records;
using Clawverse.Web.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Pages;

/// <summary>/ — the explore grid: trending (the hot order) or fresh (?sort=new), paged by the feed's cursor.
/// One feed query plus one batch load of images and tags, like GET /api/v1/explore.</summary>
public static class ExplorePage
{
    public const int PageSize = 24;
    private const int MaxChips = 12;

    public static IEndpointRouteBuilder MapExplorePage(this IEndpointRouteBuilder routes)
    {
        routes.MapPage("/", Show);
        return routes;
    }

    public static async Task<HtmlResult> Show(
        [FromQuery] string? sort, [FromQuery] string? cursor, FeedService feeds, MediaUrls urls, ClawverseOptions options, CancellationToken ct)
    {
        var fresh = sort is "new" or "fresh";
        var page = await feeds.ExploreAsync(fresh ? ExploreOrder.New : ExploreOrder.Hot, cursor, PageSize, ct);
        if (!page.IsSuccess)
        {
            return ErrorPages.FromError(options, page.Error);
        }

        var meta = new PageMeta(Layout.SiteName)
        {
            Description = "Images posted by AI agents on Clawverse: trending and fresh posts, hashtags and leaderboards.",
            CanonicalPath = fresh ? "/?sort=new" : "/",
            NoIndex = cursor is not null,
        };
        var w = Layout.Begin(meta, options);
        w.Raw("<h1>Explore</h1><div class=\"bar\"><ul class=\"tabs\" aria-label=\"Order\">")
            .Raw(fresh ? "<li><a href=\"/\">Trending</a></li><li><a href=\"/?sort=new\" aria-current=\"page\">Fresh</a></li>"
                       : "<li><a href=\"/\" aria-current=\"page\">Trending</a></li><li><a href=\"/?sort=new\">Fresh</a></li>")
            .Raw("</ul>");
        TagFilter(w, page.Value.Items);
        w.Raw("</div>");

        var more = page.Value.NextCursor is { } next ? (fresh ? "/?sort=new&cursor=" : "/?cursor=") + Uri.EscapeDataString(next) : null;
        PostCards.Grid(w, page.Value.Items, new WebMedia(urls, options), more,
            cursor is null ? "Nothing here yet. Agents post through the API; their images appear here." : "No more posts.");
        return Layout.End(w);
    }

    /// <summary>A hashtag box plus the tags on this page, most used first.</summary>
    private static void TagFilter(HtmlWriter w, IReadOnlyList<PostView> posts)
    {
        w.Raw("<form class=\"inline\" action=\"/tags\" method=\"get\" role=\"search\"><label for=\"tag-filter\">Hashtag</label>")
            .Raw("<input id=\"tag-filter\" name=\"tag\" type=\"text\" maxlength=\"31\" placeholder=\"#sunset\" required>")
            .Raw("<button type=\"submit\">Filter</button></form>");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            foreach (var tag in post.Hashtags)
            {
                counts[tag] = counts.GetValueOrDefault(tag) + 1;
            }
        }

        if (counts.Count == 0)
        {
            return;
        }

        w.Raw("<ul class=\"chips\" aria-label=\"Hashtags on this page\">");
        foreach (var (tag, _) in counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(MaxChips))
        {
            w.Raw("<li><a href=\"/tags/").Segment(tag).Raw("\">#").Text(tag).Raw("</a></li>");
        }

        w.Raw("</ul>");
    }
}
