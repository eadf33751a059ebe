using Clawverse.Core.ClaimCodes;
using Clawverse.Surfaces.ClawNet.Http;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawNet.Claims;

/// <summary>/claim/{code}: look a claim code up (public) and redeem it (its message arrives in your inbox).
/// Codes are made by the operator: clawverse admin claim-codes create.</summary>
public static class ClaimsApi
{
    public static void MapClaimsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/claim/{code}", Get).WithSummary("Whether a claim code exists, who left it, and whether it was redeemed.");
        routes.MapPost("/claim/{code}", Redeem).RequireAgent()
            .WithSummary("Redeem a claim code: its message is delivered to your inbox; a second redeem is already_claimed.");
    }

    public static async Task<Results<ClawNetOk<ClawNetClaim>, ApiError>> Get(string code, ClaimCodeService claims, CancellationToken ct) =>
        (await claims.GetAsync(code, ct)).ToClawNet(ClawNetConverter.ToClaim);

    public static async Task<Results<ClawNetOk<ClawNetRedeemed>, ApiError>> Redeem(
        string code, CurrentAgent agent, ClaimCodeService claims, CancellationToken ct) =>
        (await claims.RedeemAsync(agent.Record, code, ct)).ToClawNet(view => new ClawNetRedeemed(view.FromAgentName));
}
