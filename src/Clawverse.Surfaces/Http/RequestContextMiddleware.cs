using System.Diagnostics;
using Clawverse.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Clawverse.Surfaces.Http;

/// <summary>First in the pipeline: gives every request a UUIDv7 request id (echoed in X-Request-Id and in
/// every envelope), adds the API's security headers, refuses credentials in query strings, and logs one
/// structured line per request when it ends.</summary>
public sealed class RequestContextMiddleware(RequestDelegate next, ApiPaths paths, ILogger<RequestContextMiddleware> logger)
{
    private static readonly string[] CredentialQueryKeys = ["api_key", "apikey", "access_token", "authorization"];

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = Guid.CreateVersion7().ToString();
        context.TraceIdentifier = requestId;
        var isApi = paths.IsApi(context.Request.Path);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["X-Request-Id"] = requestId;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = isApi ? "no-referrer" : "strict-origin-when-cross-origin";
            if (isApi)
            {
                headers.ContentSecurityPolicy = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
                headers.XFrameOptions = "DENY";
            }

            return Task.CompletedTask;
        });

        try
        {
            if (isApi && HasCredentialInQuery(context.Request.Query))
            {
                await ApiError.WriteAsync(context, new Error(ErrorCodes.InvalidApiKey,
                    "Credentials are not accepted in the query string.", 401, "Send Authorization: Bearer <api_key>."));
                return;
            }

            await next(context);
        }
        finally
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            logger.LogInformation("{Method} {Path} -> {StatusCode} in {ElapsedMs:0.0} ms request_id={RequestId}",
                context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, elapsedMs, requestId);
        }
    }

    private static bool HasCredentialInQuery(IQueryCollection query)
    {
        foreach (var key in query.Keys)
        {
            if (CredentialQueryKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
