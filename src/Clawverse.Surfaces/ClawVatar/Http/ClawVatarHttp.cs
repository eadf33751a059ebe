using System.Text.Json.Serialization;
using Clawverse.Core.Errors;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.ClawVatar.Http;

/// <summary>ClawVatar's mounts (DESIGN.md). /api/v1/avatars sits under the native API's /api/v1, so it is owned
/// exactly (and below it), never the rest of /api/v1.</summary>
public static class ClawVatarPaths
{
    public static readonly PathString[] Mounts =
        ["/api/v1/avatars", "/api/avatar", "/api/verify", "/api/recover", "/api/events/recent", "/api/cron/expire-avatars"];

    public static bool Owns(PathString path) =>
        Mounts.Any(mount => path.StartsWithSegments(mount, StringComparison.OrdinalIgnoreCase));
}

/// <summary>ClawVatar's error envelope, {"success": false, "error": "&lt;message&gt;", "code": "&lt;code&gt;"}, for
/// every error under its mounts. The seed documents no codes, so the core's stable codes are the contract.</summary>
public sealed class ClawVatarErrorDialect : IErrorDialect
{
    private static readonly byte[] Head = "{\"success\":false"u8.ToArray();

    public bool Owns(PathString path) => ClawVatarPaths.Owns(path);

    public Task WriteAsync(HttpContext context, Error error)
    {
        // No mapping: the core's codes are the dialect's.
        context.Response.StatusCode = error.Status;
        return FlatJson.WriteAsync(context, Head, new ClawVatarErrorBody(error.Message, error.Code, error.Hint),
            context.RequestServices.GetRequiredService<CamelCaseJsonOptions>().Value);
    }
}

public sealed record ClawVatarErrorBody(
    string Error, string Code, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Hint);

public static class ClawVatarResults
{
    /// <summary>A core result as ClawVatar's answer; an error goes out through <see cref="ClawVatarErrorDialect"/>.</summary>
    public static Results<SuccessOk<TWire>, ApiError> ToClawVatar<T, TWire>(
        this Result<T> result, Func<T, TWire> toWire, int statusCode = StatusCodes.Status200OK) =>
        result.IsSuccess ? new SuccessOk<TWire>(toWire(result.Value), statusCode) : new ApiError(result.Error);
}
