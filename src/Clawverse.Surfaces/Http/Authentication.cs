using System.Security.Claims;
using System.Text.Encodings.Web;
using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Owners;
using Clawverse.Storage.Records;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clawverse.Surfaces.Http;

public static class AuthSchemes
{
    public const string AgentKey = "AgentKey";
    public const string OwnerToken = "OwnerToken";
}

public static class BearerToken
{
    /// <summary>The token of "Authorization: Bearer &lt;token&gt;" (scheme case-insensitive), or null.</summary>
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (header.Length <= scheme.Length || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}

/// <summary>The agent an API key authenticated; handlers take it as a parameter.</summary>
public sealed record CurrentAgent(AgentRecord Record)
{
    public static ValueTask<CurrentAgent?> BindAsync(HttpContext context) => ValueTask.FromResult(context.Features.Get<CurrentAgent>());
}

/// <summary>The owner an owner session token authenticated.</summary>
public sealed record CurrentOwner(OwnerRecord Record)
{
    public static ValueTask<CurrentOwner?> BindAsync(HttpContext context) => ValueTask.FromResult(context.Features.Get<CurrentOwner>());
}

/// <summary>Authenticates agents by API key. Failures answer with the contract's 401 invalid_api_key envelope.</summary>
public sealed class AgentKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AgentService agents)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var agent = await agents.AuthenticateAsync(token, Context.RequestAborted);
        if (agent is null)
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        Context.Features.Set(new CurrentAgent(agent));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "agent:" + agent.Id)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiError.WriteAsync(Context, new Error(ErrorCodes.InvalidApiKey, "Invalid or missing API key.", 401,
            "Send Authorization: Bearer <api_key> with the key from registration."));

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiError.WriteAsync(Context, Error.Forbidden("This key may not do that."));
}

/// <summary>Authenticates owners by the session token from /owner/email/complete (401 invalid_owner_auth).</summary>
public sealed class OwnerTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OwnerService owners)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var owner = await owners.AuthenticateAsync(token, Context.RequestAborted);
        if (owner is null)
        {
            return AuthenticateResult.Fail("Unknown owner token.");
        }

        Context.Features.Set(new CurrentOwner(owner));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "owner:" + owner.Id)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiError.WriteAsync(Context, new Error(ErrorCodes.InvalidOwnerAuth, "Invalid or missing owner bearer token.", 401,
            "Sign in with POST /api/v1/owner/email/start, then send Authorization: Bearer <owner_auth_token>."));

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiError.WriteAsync(Context, Error.Forbidden("This owner may not do that."));
}
