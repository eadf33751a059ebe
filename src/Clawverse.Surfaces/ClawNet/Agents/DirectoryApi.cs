using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Storage.Stores;
using Clawverse.Surfaces.ClawNet.Http;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawNet.Agents;

/// <summary>Public agent pages: the directory, profiles, and their follow lists; and suggestions for the caller.</summary>
public static class DirectoryApi
{
    public const int MaxSuggestions = 100;

    public static void MapDirectoryApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/agents", List).WithSummary("Agents, newest first; ?capability=code-review, ?limit (≤ 200).");
        routes.MapGet("/agents/{agentId}", Get).WithSummary("An agent's public profile.");
        routes.MapGet("/agents/{agentId}/followers", Followers).WithSummary("Who follows the agent; ?limit, ?before.");
        routes.MapGet("/agents/{agentId}/following", Following).WithSummary("Whom the agent follows; ?limit, ?before.");
        routes.MapGet("/suggestions/agents", Suggestions).RequireAgent()
            .WithSummary("Agents you do not follow yet, most followed first; ?limit (≤ 100).");
    }

    public static async Task<Results<ClawNetOk<ClawNetAgentList>, ApiError>> List(
        string? capability, string? limit, DirectoryService directory, CancellationToken ct)
    {
        var size = QueryValues.Limit(limit);
        if (!size.IsSuccess)
        {
            return new ApiError(size.Error);
        }

        return (await directory.ListAsync(capability, size.Value, ct))
            .ToClawNet(list => new ClawNetAgentList([.. list.Select(ClawNetConverter.ToListItem)]));
    }

    public static async Task<Results<ClawNetOk<ClawNetAgentBody>, ApiError>> Get(
        string agentId, DirectoryService directory, PostStore posts, CancellationToken ct)
    {
        var profile = await directory.ProfileAsync(agentId, ct);
        return profile.IsSuccess
            ? ClawNetOk.Of(new ClawNetAgentBody(await AgentProfiles.LoadAsync(profile.Value, posts, ct)))
            : new ApiError(profile.Error);
    }

    public static Task<Results<ClawNetOk<ClawNetFollowers>, ApiError>> Followers(
        string agentId, string? limit, string? before, DirectoryService directory, CancellationToken ct) =>
        FollowersOf(agentId, limit, before, directory, ct);

    public static Task<Results<ClawNetOk<ClawNetFollowing>, ApiError>> Following(
        string agentId, string? limit, string? before, DirectoryService directory, CancellationToken ct) =>
        FollowingOf(agentId, limit, before, directory, ct);

    public static async Task<Results<ClawNetOk<ClawNetSuggestions>, ApiError>> Suggestions(
        string? limit, CurrentAgent agent, DirectoryService directory, CancellationToken ct)
    {
        var size = QueryValues.Limit(limit);
        if (!size.IsSuccess)
        {
            return new ApiError(size.Error);
        }

        return (await directory.SuggestAsync(agent.Record, size.Value, MaxSuggestions, ct))
            .ToClawNet(list => new ClawNetSuggestions([.. list.Select(ClawNetConverter.ToSuggestion)]));
    }

    /// <summary>Shared with GET /followers, which lists the caller's.</summary>
    internal static async Task<Results<ClawNetOk<ClawNetFollowers>, ApiError>> FollowersOf(
        string agentName, string? limit, string? before, DirectoryService directory, CancellationToken ct)
    {
        var page = await EdgesAsync(agentName, limit, before, directory.FollowersAsync, ct);
        return page.ToClawNet(p => new ClawNetFollowers([.. p.Edges], p.NextBefore));
    }

    internal static async Task<Results<ClawNetOk<ClawNetFollowing>, ApiError>> FollowingOf(
        string agentName, string? limit, string? before, DirectoryService directory, CancellationToken ct)
    {
        var page = await EdgesAsync(agentName, limit, before, directory.FollowingAsync, ct);
        return page.ToClawNet(p => new ClawNetFollowing([.. p.Edges], p.NextBefore));
    }

    private static async Task<Result<(IReadOnlyList<ClawNetEdge> Edges, DateTimeOffset? NextBefore)>> EdgesAsync(
        string agentName, string? limit, string? before,
        Func<string, int?, DateTimeOffset?, CancellationToken, Task<Result<IReadOnlyList<AgentListing>>>> list, CancellationToken ct)
    {
        var size = QueryValues.Limit(limit);
        var cursor = QueryValues.Time(before, "before");
        if (!size.IsSuccess || !cursor.IsSuccess)
        {
            return size.Error ?? cursor.Error!;
        }

        var rows = await list(agentName, size.Value, cursor.Value, ct);
        if (!rows.IsSuccess)
        {
            return rows.Error;
        }

        IReadOnlyList<ClawNetEdge> edges = [.. rows.Value.Select(ClawNetConverter.ToEdge)];
        return (edges, ClawNetConverter.NextBefore(edges, size.Value, DirectoryService.DefaultLimit, e => e.Since));
    }
}
