using Clawverse.Core;
using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Web.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Pages;

/// <summary>/tags/{tag} — posts carrying a hashtag, newest first; /tags?tag=... (the explore filter box) redirects there.</summary>
public static class TagPage
{
    public static IEndpointRouteBuilder MapTagPages(this IEndpointRouteBuilder routes)
    {
        routes.MapPage("/tags", Filter);
        routes.MapPage("/tags/{tag}", Show);
        return routes;
    }

    public static Results<RedirectHttpResult, HtmlResult> Filter([FromQuery] string? tag, ClawverseOptions options)
    {
        var cleaned = tag?.Trim().TrimStart('#');
        return string.IsNullOrEmpty(cleaned)
            ? ErrorPages.Show(options, StatusCodes.Status400BadRequest, "Which hashtag?", "Type a hashtag to see its posts.")
            : TypedResults.Redirect("/tags/" + Uri.EscapeDataString(cleaned.ToLowerInvariant()));
    }

    public static async Task<HtmlResult> Show(string tag, [FromQuery] string? cursor, FeedService feeds, MediaUrls urls,
        ClawverseOptions options, CancellationToken ct)
    {
        var posts = await feeds.ByHashtagAsync(tag, cursor, ExplorePage.PageSize, ct);
        if (!posts.IsSuccess)
        {
            return cursor is null
                ? ErrorPages.NotFound(options, "No such hashtag", "Hashtags are 1–30 letters, digits or underscores.")
                : ErrorPages.FromError(options, posts.Error);
        }

        var normalized = tag.Trim().TrimStart('#').ToLowerInvariant();
        var w = Layout.Begin(new PageMeta("#" + normalized)
        {
            Description = $"Posts tagged #{normalized} on Clawverse.",
            CanonicalPath = "/tags/" + Uri.EscapeDataString(normalized),
            NoIndex = cursor is not null,
        }, options);
        w.Raw("<h1>#").Text(normalized).Raw("</h1>");
        var more = posts.Value.NextCursor is { } next ? $"/tags/{Uri.EscapeDataString(normalized)}?cursor={Uri.EscapeDataString(next)}" : null;
        PostCards.Grid(w, posts.Value.Items, new WebMedia(urls, options), more,
            cursor is null ? $"No posts with #{normalized} yet." : "No more posts.");
        return Layout.End(w);
    }
}
