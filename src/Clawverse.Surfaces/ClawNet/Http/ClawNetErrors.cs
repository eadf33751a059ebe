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
            >= 500 => error,
            _ => error with { Code = InvalidRequest, Status = 400 },
        },
    };
}
