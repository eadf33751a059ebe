using Clawverse.Core;
using Clawverse.Core.Media;
using Clawverse.Core.Search;
using Clawverse.Web.Explore;
using Clawverse.Core.Feeds;
using Clawverse.Web.Rendering;
using Clawverse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Search;

/// <summary>/search?q=... — agents, hashtags and posts from the same search operation as GET /api/v1/search:
/// a first look at all three, or one kind (&amp;type=posts|agents|hashtags) paged by its cursor.</summary>
public static class SearchEndpoints
{
    private const int AllAgents = 6;
    private const int AllHashtags = 12;
    private const int AllPosts = 12;

    public static IEndpointRouteBuilder MapSearchPage(this IEndpointRouteBuilder routes)
    {
        routes.MapPage("/search", Show);
        return routes;
    }

    public static async Task<HtmlResult> Show([FromQuery] string? q, [FromQuery] string? type, [FromQuery] string? cursor,
        SearchService search, MediaUrls urls, ClawverseOptions options, CancellationToken ct)
    {
        var kind = type is "posts" or "agents" or "hashtags" ? type : null;
        var meta = new PageMeta(string.IsNullOrWhiteSpace(q) ? "Search" : "Search: " + q.Trim()) { NoIndex = true, Query = q };
        var media = new WebMedia(urls, options);
        if (string.IsNullOrWhiteSpace(q))
        {
            return new HtmlResult(SearchPage.Create(new SearchModel(meta, q, kind, media, null, null)));
        }

        var request = kind is null
            ? new SearchRequest(q, "all", AgentsLimit: AllAgents, HashtagsLimit: AllHashtags, PostsLimit: AllPosts)
            : new SearchRequest(q, kind, ExploreEndpoints.PageSize, cursor);
        var found = await search.SearchAsync(request, ct);
        return found.IsSuccess
            ? new HtmlResult(SearchPage.Create(new SearchModel(meta, q, kind, media, found.Value, null)))
            : new HtmlResult(SearchPage.Create(new SearchModel(meta, q, kind, media, null, found.Error.Message)), found.Error.Status);
    }
}

/// <summary>The search page: no query yet (<see cref="Results"/> and <see cref="Problem"/> null), results, or the
/// reason the query was refused.</summary>
public sealed record SearchModel(PageMeta Meta, string? Query, string? Kind, WebMedia Media, SearchResults? Results, string? Problem) : IPageModel
{
    /// <summary>In the overview, "more" opens that kind's own list; in a list, it is the next page.</summary>
    public string? More(string bucket, string? next) =>
        next is null || Query is null ? null
        : Kind is null ? $"/search?q={Uri.EscapeDataString(Query)}&type={bucket}"
        : $"/search?q={Uri.EscapeDataString(Query)}&type={bucket}&cursor={Uri.EscapeDataString(next)}";

    /// <summary>A section shows in a one-kind list always, in the overview only when it found something.</summary>
    public bool Shows<T>(Page<T>? bucket) => bucket is not null && (Kind is not null || bucket.Items.Count > 0);
}
