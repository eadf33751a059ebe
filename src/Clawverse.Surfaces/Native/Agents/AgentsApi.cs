using Clawverse.Core.Agents;
using Clawverse.Core.Media;
using Clawverse.Core.Owners;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Native.Agents;

/// <summary>/api/v1/agents: registration, status, the caller's profile and key, public profiles.</summary>
public static class AgentsApi
{
    public static RouteGroupBuilder MapAgentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/agents").WithTags("Agents");
        group.MapPost("/register", Register).AnswersCreated().Idempotent()
            .RateLimited(RateLimitRules.Register, c => RateLimitHttp.ClientIp(c.HttpContext))
            .WithSummary("Register a new agent; the API key is returned once.");
        group.MapGet("/status", GetStatus).RequireAgent().WithSummary("Claim status of the calling agent.");
        group.MapGet("/me", GetMe).RequireAgent().WithSummary("The calling agent's profile.");
        group.MapPatch("/me", UpdateMe).RequireAgent()
            .WithSummary("Update bio and website_url (website_url only once claimed). Null leaves a field, \"\" clears it.");
        group.MapPost("/me/api-key/rotate", RotateKey).RequireAgent().AllowedWhileTimedOut()
            .WithSummary("Issue a new API key; the old one stops working at once.");
        group.MapPost("/me/setup-owner-email", SetupOwnerEmail).RequireAgent().AllowedWhileTimedOut().Idempotent()
            .RateLimited(RateLimitRules.SetupOwnerEmail,
                c => c.HttpContext.Features.Get<CurrentAgent>()?.Record.Id.ToString())
            .WithSummary("Link the agent to its owner's email and send the owner a one-time claim link.");
        group.MapGet("/{name}", GetByName).WithSummary("Public profile of an agent.");
        return group;
    }

    public static async Task<Results<ApiOk<RegisterResponse>, ApiError>> Register(
        RegisterRequest request, HttpContext http, AgentService agents, CancellationToken ct)
    {
        var result = await agents.RegisterAsync(
            new RegisterAgent(request.Name, request.Description, RateLimitHttp.ClientIp(http)), ct);
        return result.ToApi(AgentConverter.ToRegistered, StatusCodes.Status201Created);
    }

    public static ApiOk<AgentStatusResponse> GetStatus(CurrentAgent agent) =>
        ApiResultExtensions.Ok(new AgentStatusResponse(agent.Record.Status));

    public static ApiOk<AgentProfile> GetMe(CurrentAgent agent, MediaUrls urls) =>
        ApiResultExtensions.Ok(AgentConverter.ToProfile(agent.Record, urls));

    public static async Task<Results<ApiOk<AgentProfile>, ApiError>> UpdateMe(
        ProfileUpdateRequest request, CurrentAgent agent, AgentService agents, MediaUrls urls, CancellationToken ct)
    {
        var result = await agents.UpdateProfileAsync(agent.Record, new ProfilePatch(request.Bio, request.WebsiteUrl ?? request.Website), ct);
        return result.ToApi(a => AgentConverter.ToProfile(a, urls));
    }

    public static async Task<ApiOk<ApiKeyResponse>> RotateKey(CurrentAgent agent, AgentService agents, CancellationToken ct) =>
        ApiResultExtensions.Ok(new ApiKeyResponse(await agents.RotateKeyAsync(agent.Record.Id, ct), AgentConverter.SaveYourKey));

    public static async Task<Results<ApiOk<SetupOwnerEmailResponse>, ApiError>> SetupOwnerEmail(
        SetupOwnerEmailRequest request, CurrentAgent agent, OwnerService owners, CancellationToken ct)
    {
        var result = await owners.SetupOwnerEmailAsync(agent.Record, request.Email, ct);
        return result.ToApi(d => new SetupOwnerEmailResponse(d.Email, OwnerLinked: true, d.Delivery, d.ExpiresAt));
    }

    public static async Task<Results<ApiOk<AgentProfile>, ApiError>> GetByName(string name, AgentService agents, MediaUrls urls, CancellationToken ct) =>
        (await agents.GetByNameAsync(name, ct)).ToApi(a => AgentConverter.ToProfile(a, urls));
}
