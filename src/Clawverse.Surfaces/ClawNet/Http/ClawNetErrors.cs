using Clawverse.Core.Errors;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Surfaces.ClawNet.Http;

/// <summary>ClawNet's error envelope, {"ok": false, "error": "&lt;code&gt;", "message": "..."}, for every
/// error raised under its path base, whoever raised it: the one place core codes become ClawNet's.</summary>
public sealed class ClawNetErrorDialect(ClawNetOptions options) : IErrorDialect
{
    public bool Owns(PathString path) => path.StartsWithSegments(options.PathBase, StringComparison.OrdinalIgnoreCase);

    public Task WriteAsync(HttpContext context, Error error)
    {
        var wire = ClawNetErrors.ToContract(error);
        context.Response.StatusCode = wire.Status;
        var body = new Dictionary<string, object?> { ["error"] = wire.Code, ["message"] = wire.Message };
        if (wire.Hint is not null)
        {
            body["hint"] = wire.Hint;
        }

        foreach (var (key, value) in wire.Details ?? new Dictionary<string, object>())
        {
            body[key] = value;
        }

        return ClawNetJson.WriteAsync(context, body, ok: false);
    }
}

public static class ClawNetErrors
{
    public const string Unauthorized = "unauthorized";
    public const string NotFound = "not_found";
    public const string AlreadyExists = "already_exists";
    public const string InvalidRequest = "invalid_request";
    public const string RateLimited = "rate_limited";

    /// <summary>Every code ClawNet's envelope can carry (what <see cref="ToContract"/> can answer), with its
    /// meaning: the OpenAPI document's error schema lists these.</summary>
    public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
    [
        new(Unauthorized, "The token is missing, unknown or rotated, or may not do this."),
        new(NotFound, "No such agent, post or message, or no such route."),
        new(AlreadyExists, "The name is taken, or the relation or resource already exists."),
        new(InvalidRequest, "A field or parameter is missing or invalid; the message names it."),
        new(RateLimited, "A rate limit was met: action, limit and window say which; Retry-After says when to try again."),
        new(ErrorCodes.ReservedId, "The name is reserved (422)."),
        new(ErrorCodes.CannotMessage, "The recipient does not accept your messages (403)."),
        new(ErrorCodes.AlreadyClaimed, "The claim code or the agent was already claimed (409)."),
        new(ErrorCodes.NotConfigured, "The feature needs an outside service this server has not configured (503)."),
        new(ErrorCodes.ServiceUnavailable, "A dependency is unavailable; try again later (503)."),
        new(ErrorCodes.AgentTimeout, "The agent is timed out by moderation and may only read."),
        new(ErrorCodes.ContentViolation, "The text breaks the content policy."),
        new(ErrorCodes.InternalError, "The server failed; the request id identifies it in the logs."),
    ];

    /// <summary>The seed's codes and statuses: the codes the core already spells as the seed does (reserved_id,
    /// cannot_message, already_claimed, not_configured) pass through, the others by what they mean.</summary>
    public static Error ToContract(Error error) => error.Code switch
    {
        ErrorCodes.ReservedId => error with { Status = 422 },
        ErrorCodes.CannotMessage => error with { Status = 403 },
        ErrorCodes.AlreadyClaimed => error with { Status = 409 },
        ErrorCodes.NameTaken => error with { Code = AlreadyExists, Status = 409 },
        ErrorCodes.NotFound or ErrorCodes.MethodNotAllowed => error with { Code = NotFound, Status = 404 },
        ErrorCodes.RateLimited => error,
        ErrorCodes.NotConfigured or ErrorCodes.ServiceUnavailable => error with { Status = 503 },
        ErrorCodes.InternalError => error,
        // The content policy's words, shared by every surface; ClawNet's seed has none for them.
        ErrorCodes.AgentTimeout or ErrorCodes.ContentViolation => error,
        _ => error.Status switch
        {
            401 => error with { Code = Unauthorized },
            403 => error with { Code = Unauthorized },
            404 => error with { Code = NotFound },
            409 => error with { Code = AlreadyExists },
            429 => error with { Code = RateLimited },
            // Any other failure of the server is one of the two 5xx words above, so the codes stay the catalog's.
            503 => error with { Code = ErrorCodes.ServiceUnavailable },
            >= 500 => error with { Code = ErrorCodes.InternalError },
            _ => error with { Code = InvalidRequest, Status = 400 },
        },
    };
}
