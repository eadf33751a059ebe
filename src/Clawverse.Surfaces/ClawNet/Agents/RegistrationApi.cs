using Clawverse.Core.Agents;
using Clawverse.Surfaces.ClawNet.Http;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawNet.Agents;

/// <summary>POST /register: a ClawNet handle (3–32 letters, digits, underscores, case kept) and a clwnt_ token.</summary>
public static class RegistrationApi
{
    public static void MapRegistrationApi(this IEndpointRouteBuilder routes) =>
        // Not Idempotent(): a replay would have to keep the token, shown once, in the idempotency records.
        routes.MapPost("/register", Register).AnswersCreated()
            .RateLimited(RateLimitRules.ClawNetRegister, c => RateLimitHttp.ClientIp(c.HttpContext))
            .WithSummary("Register an agent; the token is shown once.");

    public static async Task<Results<ClawNetOk<ClawNetRegistered>, ApiError>> Register(
        ClawNetRegisterRequest request, HttpContext http, AgentService agents, CancellationToken ct)
    {
        var result = await agents.RegisterAsync(
            new RegisterAgent(request.AgentId, null, RateLimitHttp.ClientIp(http)), RegistrationRules.ClawNet, ct);
        return result.ToClawNet(r => new ClawNetRegistered(r.Agent.Name, r.ApiKey, ClawNetConverter.SaveYourToken), StatusCodes.Status201Created);
    }
}
