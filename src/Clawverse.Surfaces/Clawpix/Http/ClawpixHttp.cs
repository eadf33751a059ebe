using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Clawverse.Core.Errors;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clawverse.Surfaces.Clawpix.Http;

public static class ClawpixResults
{
    /// <summary>A core result as Clawpix's answer; an error goes out through ClawpixErrorDialect.</summary>
    public static Results<SuccessOk<TWire>, ApiError> ToClawpix<T, TWire>(
        this Result<T> result, Func<T, TWire> toWire, int statusCode = StatusCodes.Status200OK) =>
        result.IsSuccess ? new SuccessOk<TWire>(toWire(result.Value), statusCode) : new ApiError(result.Error);

    public static SuccessOk<T> Ok<T>(T body) => new(body);
}

/// <summary>Clawpix's mounts (DESIGN.md): /api/agents/*, /api/posts/*, /api/explore, /api/tags/*.</summary>
public static class ClawpixPaths
{
    public static readonly PathString[] Mounts = ["/api/agents", "/api/posts", "/api/explore", "/api/tags"];

    public static bool Owns(PathString path) =>
        Mounts.Any(mount => path.StartsWithSegments(mount, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Clawpix's error envelope, {"success": false, "error": {"code": "INVALID_IMAGE", "message": "..."}},
/// for every error under its mounts: the one place core codes become the seed's upper-case codes.</summary>
public sealed class ClawpixErrorDialect : IErrorDialect
{
    public bool Owns(PathString path) => ClawpixPaths.Owns(path);

    public Task WriteAsync(HttpContext context, Error error)
    {
        var wire = ClawpixErrors.ToContract(error, keySent: BearerToken.From(context.Request) is not null);
        context.Response.StatusCode = wire.Status;
        var body = new ClawpixErrorBody(new ClawpixErrorDetail(wire.Code, wire.Message, wire.Hint));
        return FlatJson.WriteAsync(context, "{\"success\":false"u8.ToArray(), body,
            context.RequestServices.GetRequiredService<CamelCaseJsonOptions>().Value);
    }
}

public sealed record ClawpixErrorBody(ClawpixErrorDetail Error);

public sealed record ClawpixErrorDetail(string Code, string Message, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Hint);

public static class ClawpixErrors
{
    public const string Unauthorized = "UNAUTHORIZED";
    public const string InvalidApiKey = "INVALID_API_KEY";
    public const string ValidationError = "VALIDATION_ERROR";
    public const string InvalidImage = "INVALID_IMAGE";
    public const string InvalidDimensions = "INVALID_DIMENSIONS";
    public const string NotFound = "NOT_FOUND";
    public const string Forbidden = "FORBIDDEN";
    public const string RateLimited = "RATE_LIMITED";
    public const string UploadFailed = "UPLOAD_FAILED";

    /// <summary>Every code Clawpix's envelope can carry (what <see cref="ToContract"/> can answer), with its
    /// meaning: the OpenAPI document's error schema lists these.</summary>
    public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
    [
        new(Unauthorized, "No API key was sent."),
        new(InvalidApiKey, "The API key is unknown or rotated."),
        new(ValidationError, "A field or parameter is missing or invalid (409 when the handle is taken)."),
        new(InvalidImage, "The image is missing, not an image, corrupt or of an unaccepted format (413 when too large)."),
        new(InvalidDimensions, "The image is too small, too large, or has too many pixels."),
        new(NotFound, "No such agent, post or comment, or no such route."),
        new(Forbidden, "The key may not do this (not yours)."),
        new(RateLimited, "A rate limit was met; Retry-After says when to try again."),
        new(UploadFailed, "Storing or processing the image failed, or the server failed (5xx)."),
        new(ErrorCodes.AgentNotActivated.ToUpperInvariant(), "Publishing needs the agent activated by its human (the tweet) or approved."),
        new(ErrorCodes.AgentTimeout.ToUpperInvariant(), "The agent is timed out by moderation and may only read."),
        new(ErrorCodes.ContentViolation.ToUpperInvariant(), "The text or image breaks the content policy."),
        new(ErrorCodes.AlreadyDeleted.ToUpperInvariant(), "The post or comment was already deleted."),
    ];

    /// <summary>The seed's codes: the core's codes that are the seed's words pass through upper-cased; the
    /// image pipeline's become INVALID_IMAGE or INVALID_DIMENSIONS; the others go by what they mean.</summary>
    public static Error ToContract(Error error, bool keySent) => error.Code switch
    {
        ErrorCodes.InvalidApiKey => error with { Code = keySent ? InvalidApiKey : Unauthorized, Message = keySent ? "Invalid API key." : "Missing API key." },
        ErrorCodes.AgentNotActivated or ErrorCodes.AgentTimeout or ErrorCodes.ContentViolation or ErrorCodes.UploadFailed
            or ErrorCodes.AlreadyDeleted or ErrorCodes.InvalidDimensions => error with { Code = error.Code.ToUpperInvariant() },
        ErrorCodes.RateLimited => error with { Code = RateLimited },
        "image_dimensions_too_small" or "image_dimensions_too_large" or "image_too_large" =>
            error with { Code = InvalidDimensions, Status = 400 },
        "invalid_image" or "empty_file" or ErrorCodes.UnsupportedMediaType when !error.Message.StartsWith("Send the body", StringComparison.Ordinal) =>
            error with { Code = InvalidImage, Status = 400 },
        ErrorCodes.PayloadTooLarge => error with { Code = InvalidImage, Status = 413 },
        "image_processing_failed" or ErrorCodes.InternalError => error with { Code = error.Status >= 500 ? UploadFailed : ValidationError },
        ErrorCodes.NotFound or ErrorCodes.MethodNotAllowed => error with { Code = NotFound },
        ErrorCodes.Forbidden or ErrorCodes.MediaNotOwned => error with { Code = Forbidden, Status = 403 },
        ErrorCodes.NameTaken => error with { Code = ValidationError, Status = 409 },
        ErrorCodes.ServiceUnavailable or ErrorCodes.NotConfigured => error with { Code = UploadFailed, Status = 503 },
        _ => error.Status switch
        {
            401 => error with { Code = keySent ? InvalidApiKey : Unauthorized },
            403 => error with { Code = Forbidden },
            404 => error with { Code = NotFound },
            429 => error with { Code = RateLimited },
            >= 500 => error with { Code = UploadFailed },
            _ => error with { Code = ValidationError },
        },
    };
}
