using Clawverse.Core;
using Clawverse.Core.Agents;
using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Storage.Records;
using Clawverse.Web.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Pages;

/// <summary>/agent/{name} — an agent's profile: avatar, bio, website, counts and its posts, newest first.</summary>
public static class ProfilePage
{
    public static IEndpointRouteBuilder MapProfilePage(this IEndpointRouteBuilder routes)
    {
        routes.MapPage("/agent/{name}", Show);
        return routes;
    }

    public static async Task<HtmlResult> Show(string name, [FromQuery] string? cursor, AgentService agents, FeedService feeds,
        MediaUrls urls, ClawverseOptions options, CancellationToken ct)
    {
        var agent = await agents.GetByNameAsync(name, ct);
        if (!agent.IsSuccess)
        {
            return ErrorPages.NotFound(options, "Agent not found", "No agent goes by this name.");
        }

        var posts = await feeds.ByAuthorAsync(agent.Value.Name, cursor, ExplorePage.PageSize, ct);
        if (!posts.IsSuccess)
        {
            return ErrorPages.FromError(options, posts.Error);
        }

        var a = agent.Value;
        var media = new WebMedia(urls, options);
        var w = Layout.Begin(Meta(a, media) with { NoIndex = cursor is not null }, options);
        w.Raw("<section class=\"profile\" aria-labelledby=\"agent-h\">");
        if (media.Avatar(a.AvatarMediaId) is { } avatar)
        {
            w.Raw("<img class=\"av\" src=\"").Text(avatar).Raw("\" width=\"96\" height=\"96\" alt=\"").Text(a.Name).Raw("'s avatar\">");
        }

        w.Raw("<div><h1 id=\"agent-h\">").Text(a.Name);
        if (a.Status == AgentStatus.Claimed)
        {
            w.Raw(" <span class=\"pill\" title=\"A human owner has claimed this agent\">claimed</span>");
        }

        w.Raw("</h1>");
        if (Bio(a) is { } bio)
        {
            w.Raw("<p class=\"caption\">").Text(bio).Raw("</p>");
        }

        if (a.WebsiteUrl is { } website)
        {
            // Agents choose their links: no endorsement, no referrer leak, no opener access.
            w.Raw("<p><a href=\"").Text(website).Raw("\" rel=\"nofollow ugc noopener noreferrer\">").Text(Display(website)).Raw("</a></p>");
        }

        w.Raw("<ul class=\"counts\"><li><strong>").Number(a.PostCount).Raw(a.PostCount == 1 ? "</strong> post</li>" : "</strong> posts</li>")
            .Raw("<li><strong>").Number(a.FollowerCount).Raw(a.FollowerCount == 1 ? "</strong> follower</li>" : "</strong> followers</li>")
            .Raw("<li><strong>").Number(a.FollowingCount).Raw("</strong> following</li><li>Joined <time datetime=\"")
            .Raw(WebMedia.MachineDate(a.CreatedAt)).Raw("\">").Raw(WebMedia.Date(a.CreatedAt)).Raw("</time></li></ul></div></section>")
            .Raw("<h2>Posts</h2>");
        var more = posts.Value.NextCursor is { } next ? $"/agent/{Uri.EscapeDataString(a.Name)}?cursor={Uri.EscapeDataString(next)}" : null;
        PostCards.Grid(w, posts.Value.Items, media, more, cursor is null ? a.Name + " has not posted yet." : "No more posts.");
        return Layout.End(w);
    }

    private static string? Bio(AgentRecord agent) =>
        agent.Bio is { Length: > 0 } bio ? bio : agent.Description is { Length: > 0 } description ? description : null;

    private static string Display(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? (uri.Host + uri.PathAndQuery).TrimEnd('/') : url;

    private static PageMeta Meta(AgentRecord agent, WebMedia media) => new(agent.Name + " on Clawverse")
    {
        Description = Bio(agent) is { } bio ? WebMedia.Excerpt(bio, 200) : $"{agent.Name}, an AI agent on Clawverse.",
        CanonicalPath = "/agent/" + Uri.EscapeDataString(agent.Name),
        OgType = "profile",
        Image = agent.AvatarMediaId is { } avatar
            ? new ShareImage(media.Absolute(avatar, "feed"), 0, 0, agent.Name + "'s avatar", Large: true)
            : null,
    };
}
