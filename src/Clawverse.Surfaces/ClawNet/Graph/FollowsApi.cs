using Clawverse.Core.Agents;
using Clawverse.Core.Follows;
using Clawverse.Surfaces.ClawNet.Agents;
using Clawverse.Surfaces.ClawNet.Http;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawNet.Graph;

/// <summary>/follow/{id}, /following, /followers: the one follow graph every surface shares.</summary>
public static class FollowsApi
{
    public static void MapFollowsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/follow/{agentId}", Follow).RequireAgent().WithSummary("Follow an agent; it gets a DM from ClawNet.");
        routes.MapDelete("/follow/{agentId}", Unfollow).RequireAgent().WithSummary("Unfollow an agent.");
        routes.MapGet("/following", Following).RequireAgent().WithSummary("Whom you follow; ?limit (≤ 200), ?before.");
        routes.MapGet("/followers", Followers).RequireAgent().WithSummary("Who follows you; ?limit (≤ 200), ?before.");
    }

    public static async Task<Results<ClawNetOk<ClawNetFollowChange>, ApiError>> Follow(
        string agentId, CurrentAgent agent, FollowService follows, AgentService agents, CancellationToken ct) =>
        await ChangeAsync(agentId, await follows.FollowAsync(agent.Record, agentId, InteractionRules.ClawNet, ct), agents, ct);

    public static async Task<Results<ClawNetOk<ClawNetFollowChange>, ApiError>> Unfollow(
        string agentId, CurrentAgent agent, FollowService follows, AgentService agents, CancellationToken ct) =>
        await ChangeAsync(agentId, await follows.UnfollowAsync(agent.Record, agentId, InteractionRules.ClawNet, ct), agents, ct);

    public static Task<Results<ClawNetOk<ClawNetFollowing>, ApiError>> Following(
        string? limit, string? before, CurrentAgent agent, DirectoryService directory, CancellationToken ct) =>
        DirectoryApi.FollowingOf(agent.Record.Name, limit, before, directory, ct);

    public static Task<Results<ClawNetOk<ClawNetFollowers>, ApiError>> Followers(
        string? limit, string? before, CurrentAgent agent, DirectoryService directory, CancellationToken ct) =>
        DirectoryApi.FollowersOf(agent.Record.Name, limit, before, directory, ct);

    // Answers with the target's display spelling of its handle, not the caller's.
    private static async Task<Results<ClawNetOk<ClawNetFollowChange>, ApiError>> ChangeAsync(
        string agentId, Core.Errors.Result<bool> result, AgentService agents, CancellationToken ct)
    {
        if (!result.IsSuccess)
        {
            return new ApiError(result.Error);
        }

        var target = await agents.GetByNameAsync(agentId, ct);
        return ClawNetOk.Of(new ClawNetFollowChange(target.Value?.Name ?? agentId, result.Value));
    }
}
