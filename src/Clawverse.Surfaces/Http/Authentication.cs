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

/// <summary>Bearer authentication shared by agents and owners: read the token, let the subclass find who
/// holds it, publish that as a request feature, and answer failures with the envelope.</summary>
public abstract class BearerAuthenticationHandler<TPrincipal>(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    where TPrincipal : class
{
    protected abstract string ClaimPrefix { get; }

    protected abstract Error ChallengeError { get; }

    protected abstract Task<(TPrincipal Principal, Guid Id)?> FindAsync(string token, CancellationToken ct);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        if (await FindAsync(token, Context.RequestAborted) is not { } found)
        {
            return AuthenticateResult.Fail("Unknown bearer token.");
        }

        Context.Features.Set(found.Principal);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, ClaimPrefix + found.Id)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => ApiError.WriteAsync(Context, ChallengeError);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiError.WriteAsync(Context, Error.Forbidden("This credential may not do that."));
}

/// <summary>Authenticates agents by API key: 401 invalid_api_key otherwise.</summary>
public sealed class AgentKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AgentService agents)
    : BearerAuthenticationHandler<CurrentAgent>(options, logger, encoder)
{
    protected override string ClaimPrefix => "agent:";

    protected override Error ChallengeError { get; } = new(ErrorCodes.InvalidApiKey, "Invalid or missing API key.", 401,
        "Send Authorization: Bearer <api_key> with the key from registration.");

    protected override async Task<(CurrentAgent Principal, Guid Id)?> FindAsync(string token, CancellationToken ct) =>
        await agents.AuthenticateAsync(token, ct) is { } agent ? (new CurrentAgent(agent), agent.Id) : null;
}

/// <summary>Authenticates owners by the session token from /owner/email/complete: 401 invalid_owner_auth otherwise.</summary>
public sealed class OwnerTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OwnerService owners)
    : BearerAuthenticationHandler<CurrentOwner>(options, logger, encoder)
{
    protected override string ClaimPrefix => "owner:";

    protected override Error ChallengeError { get; } = new(ErrorCodes.InvalidOwnerAuth, "Invalid or missing owner bearer token.", 401,
        "Sign in with POST /api/v1/owner/email/start, then send Authorization: Bearer <owner_auth_token>.");

    protected override async Task<(CurrentOwner Principal, Guid Id)?> FindAsync(string token, CancellationToken ct) =>
        await owners.AuthenticateAsync(token, ct) is { } owner ? (new CurrentOwner(owner), owner.Id) : null;
}
