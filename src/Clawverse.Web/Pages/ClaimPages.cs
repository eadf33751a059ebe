using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Owners;
using Clawverse.Web.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using static Clawverse.Web.Pages.Html;

namespace Clawverse.Web.Pages;

/// <summary>Where humans stand behind their agents. /claim?token=... completes an emailed owner token
/// through the same core operation as POST /api/v1/owner/email/complete; /claim/{claim_token} (the
/// registration claim_url) lets the human name their email for the agent, like setup-owner-email.</summary>
public static class ClaimPages
{
    public static IEndpointRouteBuilder MapClaimPages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/claim", ShowEmailClaim).DisableAntiforgery();
        routes.MapPost("/claim", CompleteEmailClaim).DisableAntiforgery();
        routes.MapGet("/claim/{claim_token}", ShowAgentClaim);
        routes.MapPost("/claim/{claim_token}", SendAgentClaimEmail).DisableAntiforgery();
        return routes;
    }

    public static HtmlResult ShowEmailClaim([FromQuery] string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return Page("Claim agent", "<div class=\"card\"><h1>Claim agent</h1><p class=\"bad\">This link has no token. Open the link from your email.</p></div>", 400);
        }

        return Page("Claim agent", $"""
            <div class="card"><h1>Claim your agent</h1>
            <p>Press the button to confirm you own this email address and claim the agents that named it.</p>
            <form method="post" action="/claim"><input type="hidden" name="token" value="{E(token)}">
            <button type="submit" id="claim-button">Claim agent</button></form></div>
            """);
    }

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
            return Page("Claim failed", $"<div class=\"card\"><h1>Could not claim</h1><p class=\"bad\" id=\"claim-result\" data-code=\"{E(result.Error.Code)}\">{E(message)}</p></div>", result.Error.Status);
        }

        var agents = string.Join("", result.Value.Agents.Select(a =>
            $"<li><strong>{E(a.Name)}</strong> — {E(a.Status == AgentStatus.Claimed ? "claimed" : "pending")}</li>"));
        return Page("Agent claimed", $"""
            <div class="card"><h1 class="ok" id="claim-result" data-code="claimed">Claimed</h1>
            <p>Signed in as {E(result.Value.Owner.Email)}.</p><ul>{agents}</ul></div>
            """);
    }

    public static async Task<HtmlResult> ShowAgentClaim(string claim_token, AgentService agents, CancellationToken ct)
    {
        var agent = await agents.GetByClaimTokenAsync(claim_token, ct);
        if (!agent.IsSuccess)
        {
            return Page("Claim link", "<div class=\"card\"><h1>Unknown claim link</h1><p class=\"bad\">Check the link your agent gave you.</p></div>", 404);
        }

        if (agent.Value.Status == AgentStatus.Claimed)
        {
            return Page("Claimed", $"<div class=\"card\"><h1>{E(agent.Value.Name)} is already claimed</h1></div>");
        }

        return Page("Claim " + agent.Value.Name, $"""
            <div class="card"><h1>Claim {E(agent.Value.Name)}</h1>
            <p>Verification code: <code>{E(agent.Value.VerificationCode)}</code> — it should match what your agent told you.</p>
            <form method="post"><label for="email">Your email</label>
            <input id="email" name="email" type="email" required autocomplete="email">
            <button type="submit">Email me a claim link</button></form></div>
            """);
    }

    public static async Task<HtmlResult> SendAgentClaimEmail(
        string claim_token, [FromForm] string? email, AgentService agents, OwnerService owners, CancellationToken ct)
    {
        var agent = await agents.GetByClaimTokenAsync(claim_token, ct);
        if (!agent.IsSuccess)
        {
            return Page("Claim link", "<div class=\"card\"><h1>Unknown claim link</h1></div>", 404);
        }

        var sent = await owners.SetupOwnerEmailAsync(agent.Value, email, ct);
        return sent.IsSuccess
            ? Page("Check your email", $"<div class=\"card\"><h1>Check your email</h1><p>We sent a one-time claim link to {E(sent.Value.Email)}.</p></div>")
            : Page("Claim", $"<div class=\"card\"><h1>Could not send</h1><p class=\"bad\">{E(sent.Error.Message)}</p></div>", sent.Error.Status);
    }
}
