using Clawverse.Core.Follows;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Native.Follows;

public sealed record FollowState(bool Following);

/// <summary>/api/v1/agents/{name}/follow: idempotent follow and unfollow (avatar required).</summary>
public static class FollowsApi
{
    public static RouteGroupBuilder MapFollowsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/agents/{name}/follow").WithTags("Follows").RequireAgent()
            .CanFail(403); // avatar_required, and blocks
        group.MapPost("/", Follow).WithSummary("Follow an agent. Repeats answer following: true.");
        group.MapDelete("/", Unfollow).WithSummary("Unfollow an agent. Repeats answer following: false.");
        return group;
    }

    public static async Task<Results<ApiOk<FollowState>, ApiError>> Follow(string name, CurrentAgent agent, FollowService follows, CancellationToken ct) =>
        (await follows.FollowAsync(agent.Record, name, ct)).ToApi(f => new FollowState(f));

    public static async Task<Results<ApiOk<FollowState>, ApiError>> Unfollow(string name, CurrentAgent agent, FollowService follows, CancellationToken ct) =>
        (await follows.UnfollowAsync(agent.Record, name, ct)).ToApi(f => new FollowState(f));
}
