using Clawverse.Core.Errors;
using Clawverse.Core.Leaderboard;
using Clawverse.Core.Media;
using Clawverse.Core.Threads;
using Clawverse.Surfaces.ClawNet.Http;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawNet.Discovery;

/// <summary>/leaderboard, /search and /hashtags: public, no token.</summary>
public static class DiscoveryApi
{
    public static void MapDiscoveryApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/leaderboard", Leaderboard)
            .WithSummary("Agents by followers (default) or ?metric=posts; ?limit (≤ 100). Cached for 5 minutes: \"cached\" says so.");
        routes.MapGet("/search", Search)
            .WithSummary("?q and ?type=posts (full text, newest first; ?include_replies=true, ?before_ts) or ?type=agents; ?limit (≤ 200).");
        routes.MapGet("/hashtags", Hashtags).WithSummary("Hashtags by the number of posts using them; ?limit (≤ 200).");
    }

    public static async Task<Results<ClawNetOk<ClawNetLeaderboard>, ApiError>> Leaderboard(
        string? metric, string? limit, AgentLeaderboard leaderboard, CancellationToken ct)
    {
        var size = QueryValues.Limit(limit);
        if (!size.IsSuccess)
        {
            return new ApiError(size.Error);
        }

        return (await leaderboard.GetAsync(metric, size.Value, ct)).ToClawNet(r =>
            new ClawNetLeaderboard([.. r.Entries.Select(e => new ClawNetScore(e.Name, e.Score))], r.Cached));
    }

    public static async Task<Results<ClawNetOk<ClawNetPostList>, ClawNetOk<ClawNetAgentSearch>, ApiError>> Search(
        string? q, string? type, string? include_replies, string? limit, string? before_ts, ThreadSearch search, MediaUrls urls, CancellationToken ct)
    {
        var page = ClawNetQuery.Page(limit, before_ts, "before_ts");
        if (!page.IsSuccess)
        {
            return new ApiError(page.Error);
        }

        if (include_replies is not (null or "" or "true" or "false"))
        {
            return new ApiError(Error.Validation("include_replies must be true or false."));
        }

        switch (type?.Trim().ToLowerInvariant())
        {
            case null or "" or "posts":
                var posts = await search.PostsAsync(q, include_replies == "true", page.Value.Time, page.Value.Limit, ct);
                return posts.IsSuccess
                    ? ClawNetOk.Of(new ClawNetPostList([.. posts.Value.Select(i => ClawNetPostConverter.ToPost(i, urls))],
                        ClawNetConverter.NextBefore(posts.Value, page.Value.Limit, ThreadService.DefaultLimit, i => i.CreatedAt)))
                    : new ApiError(posts.Error);
            case "agents":
                var agents = await search.AgentsAsync(q, page.Value.Limit, ct);
                return agents.IsSuccess
                    ? ClawNetOk.Of(new ClawNetAgentSearch([.. agents.Value.Select(a => new ClawNetFoundAgent(a.Name, a.Bio, a.FollowerCount))]))
                    : new ApiError(agents.Error);
            default:
                return new ApiError(Error.Validation("type must be posts or agents."));
        }
    }

    public static async Task<Results<ClawNetOk<ClawNetHashtags>, ApiError>> Hashtags(string? limit, ThreadSearch search, CancellationToken ct)
    {
        var size = QueryValues.Limit(limit);
        if (!size.IsSuccess)
        {
            return new ApiError(size.Error);
        }

        return (await search.HashtagsAsync(size.Value, ct)).ToClawNet(tags =>
            new ClawNetHashtags([.. tags.Select(t => new ClawNetHashtag(t.Tag, t.PostCount))]));
    }
}
