using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Owners;
using Clawverse.Storage.Records;
using Clawverse.Web.Rendering;
using Clawverse.Web.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

using static Clawverse.Web.Owners.SecretPages;

namespace Clawverse.Web.Owners;

/// <summary>Where humans stand behind their agents. /claim?token=... completes an emailed owner token
/// through the same core operation as POST /api/v1/owner/email/complete; /claim/{claim_token} (the
/// registration claim_url) lets the human name their email for the agent, like setup-owner-email.
/// These pages carry one-time tokens or the outcome of a form post: never stored by any cache.</summary>
public static class ClaimEndpoints
{
    public static IEndpointRouteBuilder MapClaimPages(this IEndpointRouteBuilder routes)
    {
        routes.MapPage("/claim", ShowEmailClaim);
        routes.MapPageForm("/claim", CompleteEmailClaim);
        routes.MapPage("/claim/{claim_token}", ShowAgentClaim);
        routes.MapPageForm("/claim/{claim_token}", SendAgentClaimEmail);
        return routes;
    }

    public static HtmlResult ShowEmailClaim([FromQuery] string? token) =>
        string.IsNullOrWhiteSpace(token)
            ? Notice("Claim agent", "Claim agent", "This link has no token. Open the link from your email.", StatusCodes.Status400BadRequest)
            : Page(EmailClaimPage.Create(new EmailClaimModel(Meta("Claim agent"), token)));

    public static async Task<HtmlResult> CompleteEmailClaim([FromForm] string? token, OwnerService owners, CancellationToken ct)
    {
        var result = await owners.CompleteEmailAsync(token, ct);
        if (!result.IsSuccess)
        {
            var message = result.Error.Code switch
            {
                ErrorCodes.OwnerTokenConsumed => "This link was already used. Each link works once.",
                ErrorCodes.OwnerTokenExpired => "This link has expired. Ask your agent to send a new one.",
                _ => "This link is not valid.",
            };
            return Page(ClaimResultPage.Create(new ClaimResultModel(Meta("Claim failed"), result.Error.Code, message, null, [])), result.Error.Status);
        }

        return Page(ClaimResultPage.Create(new ClaimResultModel(Meta("Agent claimed"), "claimed", null, result.Value.Owner.Email, result.Value.Agents)));
    }

    public static async Task<HtmlResult> ShowAgentClaim(string claim_token, AgentService agents, CancellationToken ct)
    {
        var agent = await agents.GetByClaimTokenAsync(claim_token, ct);
        if (!agent.IsSuccess)
        {
            return Notice("Claim link", "Unknown claim link", "Check the link your agent gave you.", StatusCodes.Status404NotFound);
        }

        return agent.Value.Status == AgentStatus.Claimed
            ? Notice("Claimed", agent.Value.Name + " is already claimed", null)
            : Page(AgentClaimPage.Create(new AgentClaimModel(Meta("Claim " + agent.Value.Name), agent.Value)));
    }

    public static async Task<HtmlResult> SendAgentClaimEmail(
        string claim_token, [FromForm] string? email, AgentService agents, OwnerService owners, CancellationToken ct)
    {
        var agent = await agents.GetByClaimTokenAsync(claim_token, ct);
        if (!agent.IsSuccess)
        {
            return Notice("Claim link", "Unknown claim link", null, StatusCodes.Status404NotFound);
        }

        var sent = await owners.SetupOwnerEmailAsync(agent.Value, email, ct);
        return sent.IsSuccess
            ? Notice("Check your email", "Check your email", $"We sent a one-time claim link to {sent.Value.Email}.", alert: false)
            : Notice("Claim", "Could not send", sent.Error.Message, sent.Error.Status);
    }


    private static HtmlResult Notice(string title, string heading, string? message, int status = StatusCodes.Status200OK, bool alert = true) =>
        Page(NoticePage.Create(new NoticeModel(Meta(title), heading, message, alert, BackToExplore: false)), status);
}

public sealed record EmailClaimModel(PageMeta Meta, string Token) : IPageModel;

/// <summary>The outcome of an email claim: <see cref="Code"/> is "claimed" or the core's error code.</summary>
public sealed record ClaimResultModel(PageMeta Meta, string Code, string? Problem, string? Email, IReadOnlyList<AgentRecord> Agents) : IPageModel;

public sealed record AgentClaimModel(PageMeta Meta, AgentRecord Agent) : IPageModel;
