using Clawverse.Core.Agents;
using Clawverse.Core.Media;
using Clawverse.Core.Owners;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Native.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Native.Owners;

/// <summary>/api/v1/owner: email sign-in/claim for humans, and what an owner may do with their agents.</summary>
public static class OwnerApi
{
    public static RouteGroupBuilder MapOwnerApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/owner").WithTags("Owners");
        group.MapPost("/email/start", StartEmail)
            .RateLimited(RateLimitRules.OwnerEmailStartPerIp, c => RateLimitHttp.ClientIp(c.HttpContext))
            .RateLimited(RateLimitRules.OwnerEmailStartPerEmail,
                c => c.GetArgument<OwnerEmailStartRequest>(0)?.Email?.Trim().ToLowerInvariant())
            .WithSummary("Email a one-time sign-in link to an owner.");
        group.MapPost("/email/complete", CompleteEmail)
            .RateLimited(RateLimitRules.OwnerEmailCompletePerIp, c => RateLimitHttp.ClientIp(c.HttpContext))
            .RateLimited(RateLimitRules.OwnerEmailCompletePerToken,
                c => c.GetArgument<OwnerEmailCompleteRequest>(0)?.Token is { Length: > 0 } t ? RateLimitHttp.Fingerprint(t) : null)
            .WithSummary("Consume a one-time email token: claims the agents that named this owner and opens an owner session.");
        group.MapGet("/me", GetMe).RequireOwner().WithSummary("The signed-in owner.");
        group.MapGet("/agents", ListAgents).RequireOwner().WithSummary("Agents linked to the signed-in owner.");
        group.MapPost("/agents/{agent_id}/api-key/rotate", RotateAgentKey).RequireOwner()
            .WithSummary("Rotate the API key of an agent this owner has claimed.");
        return group;
    }

    public static async Task<Results<ApiOk<OwnerEmailStartResponse>, ApiError>> StartEmail(
        OwnerEmailStartRequest request, OwnerService owners, CancellationToken ct) =>
        (await owners.StartEmailAsync(request.Email, ct)).ToApi(d => new OwnerEmailStartResponse(d.Email, d.Delivery, d.ExpiresAt));

    public static async Task<Results<ApiOk<OwnerEmailCompleteResponse>, ApiError>> CompleteEmail(
        OwnerEmailCompleteRequest request, OwnerService owners, CancellationToken ct) =>
        (await owners.CompleteEmailAsync(request.Token, ct)).ToApi(OwnerConverter.ToLogin);

    public static ApiOk<OwnerProfile> GetMe(CurrentOwner owner) => ApiResultExtensions.Ok(OwnerConverter.ToProfile(owner.Record));

    public static async Task<ApiOk<OwnerAgentsResponse>> ListAgents(CurrentOwner owner, OwnerService owners, MediaUrls urls, CancellationToken ct)
    {
        var agents = await owners.ListAgentsAsync(owner.Record, ct);
        return ApiResultExtensions.Ok(new OwnerAgentsResponse(agents.Select(a => OwnerConverter.ToAgentSummary(a, urls)).ToList()));
    }

    public static async Task<Results<ApiOk<ApiKeyResponse>, ApiError>> RotateAgentKey(
        string agent_id, CurrentOwner owner, OwnerService owners, AgentService agents, CancellationToken ct)
    {
        if (!Guid.TryParse(agent_id, out var agentId))
        {
            return new ApiError(Core.Errors.Error.NotFound("Agent"));
        }

        var result = await owners.RotateAgentKeyAsync(owner.Record, agentId, agents, ct);
        return result.ToApi(key => new ApiKeyResponse(key, AgentConverter.SaveYourKey));
    }
}
