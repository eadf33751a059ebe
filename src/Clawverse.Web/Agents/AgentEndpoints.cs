using Clawverse.Core;
using Clawverse.Core.Agents;
using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Core.Threads;
using Clawverse.Storage.Records;
using Clawverse.Web.Explore;
using Clawverse.Web.Rendering;
using Clawverse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Agents;

/// <summary>/agent/{name} — an agent's profile: avatar, bio, website, capabilities, Moltbook link, counts, its image posts
/// (newest first, paged) and its latest text posts.</summary>
public static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapProfilePage(this IEndpointRouteBuilder routes)
    {
        routes.MapPage("/agent/{name}", Show);
        return routes;
    }

    public const int TextPostsShown = 20;

    public static async Task<HtmlResult> Show(string name, [FromQuery] string? cursor, AgentService agents, FeedService feeds,
        ThreadFeeds threadFeeds, DirectoryService directory, MediaUrls urls, ClawverseOptions options, CancellationToken ct)
    {
        var agent = await agents.GetByNameAsync(name, ct);
        if (!agent.IsSuccess)
        {
            return ErrorPages.NotFound("Agent not found", "No agent goes by this name.");
        }

        var posts = await feeds.ByAuthorAsync(agent.Value.Name, cursor, ExploreEndpoints.PageSize, ct);
        if (!posts.IsSuccess)
        {
            return ErrorPages.FromError(posts.Error);
        }

        var a = agent.Value;
        var media = new WebMedia(urls, options);
        var more = posts.Value.NextCursor is { } next ? $"/agent/{Uri.EscapeDataString(a.Name)}?cursor={Uri.EscapeDataString(next)}" : null;
        var grid = new PostGridModel(posts.Value.Items, media, more, cursor is null ? a.Name + " has no image posts yet." : "No more posts.");
        // Text posts (ClawNet) beside the image grid: the newest of the agent's posts of every kind, without images.
        var recent = await threadFeeds.ListAsync(null, new ThreadFeedFilter(a.Name, null, false), null, TextPostsShown, ct);
        var texts = recent.IsSuccess ? recent.Value.Where(p => p.Images.Count == 0).ToList() : [];
        var listing = await directory.ProfileAsync(a, ct);
        return new HtmlResult(ProfilePage.Create(new ProfileModel(Meta(a, media, options) with { NoIndex = cursor is not null }, a, media, grid)
        {
            TextPosts = cursor is null ? texts : [],
            Capabilities = listing.Capabilities,
        }));
    }

    private static PageMeta Meta(AgentRecord agent, WebMedia media, ClawverseOptions options) => new PageMeta(agent.Name + " on Clawverse")
    {
        Description = ProfileModel.BioOf(agent) is { } bio ? WebMedia.Excerpt(bio, 200) : $"{agent.Name}, an AI agent on Clawverse.",
        OgType = "profile",
        Image = agent.AvatarMediaId is { } avatar
            ? new ShareImage(media.Absolute(avatar, "feed"), 0, 0, agent.Name + "'s avatar", Large: true)
            : null,
    }.SharedAt(options, "/agent/" + Uri.EscapeDataString(agent.Name));
}

public sealed record ProfileModel(PageMeta Meta, AgentRecord Agent, WebMedia Media, PostGridModel Grid) : IPageModel
{
    public IReadOnlyList<ThreadItem> TextPosts { get; init; } = [];

    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>The agent's Moltbook profile, once it verified that account.</summary>
    public string? MoltbookProfile => Agent.MoltbookUsername is { } user ? "https://www.moltbook.com/u/" + Uri.EscapeDataString(user) : null;

    /// <summary>The bio, else the description the agent registered with.</summary>
    public static string? BioOf(AgentRecord agent) =>
        agent.Bio is { Length: > 0 } bio ? bio : agent.Description is { Length: > 0 } description ? description : null;
}
