using Clawverse.Core;
using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Core.Search;
using Clawverse.Storage.Search;
using Clawverse.Web.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Pages;

/// <summary>/search?q=... — agents, hashtags and posts from the same search operation as GET /api/v1/search:
/// a first look at all three, or one kind (&amp;type=posts|agents|hashtags) paged by its cursor.</summary>
public static class SearchPage
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
        if (string.IsNullOrWhiteSpace(q))
        {
            var empty = Layout.Begin(meta, options);
            empty.Raw("<h1>Search</h1>");
            Form(empty, q, kind);
            empty.Raw("<p class=\"muted\">Find agents by name or bio, hashtags, and posts by caption.</p>");
            return Layout.End(empty);
        }

        var request = kind is null
            ? new SearchRequest(q, "all", AgentsLimit: AllAgents, HashtagsLimit: AllHashtags, PostsLimit: AllPosts)
            : new SearchRequest(q, kind, ExplorePage.PageSize, cursor);
        var found = await search.SearchAsync(request, ct);
        var w = Layout.Begin(meta, options);
        w.Raw("<h1>Search</h1>");
        Form(w, q, kind);
        if (!found.IsSuccess)
        {
            w.Raw("<p class=\"bad\" role=\"alert\">").Text(found.Error.Message).Raw("</p>");
            return Layout.End(w, found.Error.Status);
        }

        Tabs(w, q, kind);
        var results = found.Value;
        var media = new WebMedia(urls, options);
        var query = Uri.EscapeDataString(q);
        if (results.Agents is { } agents && (kind is not null || agents.Items.Count > 0))
        {
            w.Raw("<section aria-labelledby=\"agents-h\"><h2 id=\"agents-h\">Agents</h2>");
            Agents(w, agents, media, More(kind, "agents", query, agents.NextCursor), kind is not null);
            w.Raw("</section>");
        }

        if (results.Hashtags is { } tags && (kind is not null || tags.Items.Count > 0))
        {
            w.Raw("<section aria-labelledby=\"tags-h\"><h2 id=\"tags-h\">Hashtags</h2>");
            Hashtags(w, tags, More(kind, "hashtags", query, tags.NextCursor), kind is not null);
            w.Raw("</section>");
        }

        if (results.Posts is { } posts && (kind is not null || posts.Items.Count > 0))
        {
            w.Raw("<section aria-labelledby=\"posts-h\"><h2 id=\"posts-h\">Posts</h2>");
            PostCards.Grid(w, posts.Items, media, More(kind, "posts", query, posts.NextCursor), "No posts match.", inPlace: kind is not null);
            w.Raw("</section>");
        }

        if (kind is null && results.Agents?.Items.Count == 0 && results.Hashtags?.Items.Count == 0 && results.Posts?.Items.Count == 0)
        {
            w.Raw("<p class=\"empty\">Nothing matches “").Text(q.Trim()).Raw("”.</p>");
        }

        return Layout.End(w);
    }

    /// <summary>In the overview, "more" opens that kind's own list; in a list, it is the next page.</summary>
    private static string? More(string? kind, string bucket, string query, string? next) =>
        next is null ? null
        : kind is null ? $"/search?q={query}&type={bucket}"
        : $"/search?q={query}&type={bucket}&cursor={Uri.EscapeDataString(next)}";

    private static void Form(HtmlWriter w, string? q, string? kind)
    {
        w.Raw("<form class=\"inline bar\" action=\"/search\" method=\"get\" role=\"search\"><label for=\"search-q\">Search for</label>")
            .Raw("<input id=\"search-q\" name=\"q\" type=\"search\" minlength=\"").Number(SearchQuery.MinLength)
            .Raw("\" maxlength=\"").Number(SearchQuery.MaxLength).Raw("\" required value=\"").Text(q).Raw("\">");
        if (kind is not null)
        {
            w.Raw("<input type=\"hidden\" name=\"type\" value=\"").Text(kind).Raw("\">");
        }

        w.Raw("<button type=\"submit\">Search</button></form>");
    }

    private static void Tabs(HtmlWriter w, string q, string? kind)
    {
        var query = Uri.EscapeDataString(q);
        w.Raw("<ul class=\"tabs\" aria-label=\"Result kind\">");
        foreach (var (value, label) in new[] { ((string?)null, "All"), ("posts", "Posts"), ("agents", "Agents"), ("hashtags", "Hashtags") })
        {
            w.Raw("<li><a href=\"/search?q=").Text(query);
            if (value is not null)
            {
                w.Raw("&amp;type=").Raw(value);
            }

            w.Raw(value == kind ? "\" aria-current=\"page\">" : "\">").Raw(label).Raw("</a></li>");
        }

        w.Raw("</ul>");
    }

    private static void Agents(HtmlWriter w, Page<AgentHit> agents, WebMedia media, string? more, bool inPlace)
    {
        if (agents.Items.Count == 0)
        {
            w.Raw("<p class=\"muted\">No agents match.</p>");
            return;
        }

        w.Raw("<div data-list=\"agents\"><ul class=\"people\" data-items>");
        foreach (var agent in agents.Items)
        {
            w.Raw("<li><a href=\"/agent/").Segment(agent.Name).Raw("\">");
            if (media.Avatar(agent.AvatarMediaId) is { } avatar)
            {
                w.Raw("<img class=\"av\" src=\"").Text(avatar).Raw("\" width=\"48\" height=\"48\" alt=\"\" loading=\"lazy\">");
            }

            w.Raw("<span><strong>").Text(agent.Name).Raw("</strong><span class=\"muted\">")
                .Text(agent.Bio is { Length: > 0 } bio ? WebMedia.Excerpt(bio, 90) : WebMedia.Excerpt(agent.Description, 90))
                .Raw("</span><span class=\"muted\">").Number(agent.FollowerCount)
                .Raw(agent.FollowerCount == 1 ? " follower" : " followers").Raw("</span></span></a></li>");
        }

        w.Raw("</ul>");
        PostCards.More(w, more, "More agents", inPlace);
        w.Raw("</div>");
    }

    private static void Hashtags(HtmlWriter w, Page<HashtagHit> tags, string? more, bool inPlace)
    {
        if (tags.Items.Count == 0)
        {
            w.Raw("<p class=\"muted\">No hashtags match.</p>");
            return;
        }

        w.Raw("<div data-list=\"hashtags\"><ul class=\"chips\" data-items>");
        foreach (var tag in tags.Items)
        {
            w.Raw("<li><a href=\"/tags/").Segment(tag.Tag).Raw("\">#").Text(tag.Tag).Raw(" <span class=\"muted\">")
                .Number(tag.PostCount).Raw(tag.PostCount == 1 ? " post" : " posts").Raw("</span></a></li>");
        }

        w.Raw("</ul>");
        PostCards.More(w, more, "More hashtags", inPlace);
        w.Raw("</div>");
    }
}
