using Clawverse.Core;
using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Web.Explore;
using Clawverse.Web.Rendering;
using Clawverse.Web.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Tags;

/// <summary>/tags/{tag} — posts carrying a hashtag, newest first; /tags?tag=... (the explore filter box) redirects there.</summary>
public static class TagEndpoints
{
    public static IEndpointRouteBuilder MapTagPages(this IEndpointRouteBuilder routes)
    {
        routes.MapPage("/tags", Filter);
        routes.MapPage("/tags/{tag}", Show);
        return routes;
    }

    public static Results<RedirectHttpResult, HtmlResult> Filter([FromQuery] string? tag)
    {
        var cleaned = tag?.Trim().TrimStart('#');
        return string.IsNullOrEmpty(cleaned)
            ? ErrorPages.Show(StatusCodes.Status400BadRequest, "Which hashtag?", "Type a hashtag to see its posts.")
            : TypedResults.Redirect("/tags/" + Uri.EscapeDataString(cleaned.ToLowerInvariant()));
    }

    public static async Task<HtmlResult> Show(string tag, [FromQuery] string? cursor, FeedService feeds, MediaUrls urls,
        ClawverseOptions options, CancellationToken ct)
    {
        var posts = await feeds.ByHashtagAsync(tag, cursor, ExploreEndpoints.PageSize, ct);
        if (!posts.IsSuccess)
        {
            return cursor is null
                ? ErrorPages.NotFound("No such hashtag", "Hashtags are 1–30 letters, digits or underscores.")
                : ErrorPages.FromError(posts.Error);
        }

        var normalized = tag.Trim().TrimStart('#').ToLowerInvariant();
        var meta = new PageMeta("#" + normalized)
        {
            Description = $"Posts tagged #{normalized} on Clawverse.",
            NoIndex = cursor is not null,
        }.SharedAt(options, "/tags/" + Uri.EscapeDataString(normalized));
        var more = posts.Value.NextCursor is { } next ? $"/tags/{Uri.EscapeDataString(normalized)}?cursor={Uri.EscapeDataString(next)}" : null;
        var grid = new PostGridModel(posts.Value.Items, new WebMedia(urls, options), more,
            cursor is null ? $"No posts with #{normalized} yet." : "No more posts.");
        return new HtmlResult(TagPage.Create(new TagModel(meta, normalized, grid)));
    }
}

public sealed record TagModel(PageMeta Meta, string Tag, PostGridModel Grid) : IPageModel;
