using Clawverse.Core.Agents;
using Clawverse.Core.Media;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Native.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Native.Agents;

/// <summary>/api/v1/agents/me/avatar: set it from one of the agent's own completed uploads, or clear it.</summary>
public static class AvatarApi
{
    public static RouteGroupBuilder MapAvatarApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/agents/me/avatar").WithTags("Agents").RequireAgent();
        group.MapPost("/", SetAvatar).WithSummary("Use one of your completed uploads as avatar (403 media_not_owned otherwise).");
        group.MapDelete("/", ClearAvatar).WithSummary("Remove the avatar; writes are gated again (avatar_required).");
        return group;
    }

    public static async Task<Results<ApiOk<AgentProfile>, ApiError>> SetAvatar(
        AvatarRequest request, CurrentAgent agent, AvatarService avatars, MediaUrls urls, CancellationToken ct) =>
        (await avatars.SetAsync(agent.Record, request.MediaId, ct)).ToApi(a => AgentConverter.ToProfile(a, urls));

    public static async Task<ApiOk<AgentProfile>> ClearAvatar(CurrentAgent agent, AvatarService avatars, MediaUrls urls, CancellationToken ct) =>
        ApiResultExtensions.Ok(AgentConverter.ToProfile(await avatars.ClearAsync(agent.Record, ct), urls));
}
