using System.Text.Json;
using Clawverse.Core.Errors;
using Clawverse.Storage.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Clawverse.Surfaces.Http;

/// <summary>The one place unexpected exceptions end: logged in full, answered with a generic
/// internal_error envelope that leaks nothing. Malformed requests the framework rejects become
/// validation_error or payload_too_large, and an API path nothing answered becomes not_found.</summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ApiPaths paths, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            if (!context.Response.HasStarted && paths.IsApi(context.Request.Path)
                && context.Response.ContentType is null && context.Response.ContentLength is null)
            {
                var error = context.Response.StatusCode switch
                {
                    404 => Error.NotFound("Route"),
                    405 => new Error(ErrorCodes.MethodNotAllowed, "This method is not allowed on this route.", 405),
                    415 => new Error(ErrorCodes.UnsupportedMediaType, "Send the body as application/json.", 415),
                    _ => null,
                };
                if (error is not null)
                {
                    await ApiError.WriteAsync(context, error);
                }
            }
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await ApiError.WriteAsync(context, FromBadRequest(e));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Exception e) when (StorageFaults.IsUnavailable(e) && !context.Response.HasStarted)
        {
            // PostgreSQL restarting, Redis unreachable: nothing is wrong with the request, so say when to try again.
            logger.LogWarning(e, "A shared dependency is unavailable for {Method} {Path} request_id={RequestId}",
                context.Request.Method, context.Request.Path.Value, context.TraceIdentifier);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "1";
            await ApiError.WriteAsync(context, new Error(ErrorCodes.ServiceUnavailable, "A dependency is unavailable; try again shortly.", 503));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Unhandled exception for {Method} {Path} request_id={RequestId}",
                context.Request.Method, context.Request.Path.Value, context.TraceIdentifier);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            context.Response.Clear();
            await ApiError.WriteAsync(context, new Error(ErrorCodes.InternalError, "Internal server error.", 500));
        }
    }

    private static Error FromBadRequest(BadHttpRequestException e)
    {
        if (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new Error(ErrorCodes.PayloadTooLarge, "The request body is too large.", 413);
        }

        if (e.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return new Error(ErrorCodes.UnsupportedMediaType, "Send the body as application/json.", 415);
        }

        return e.InnerException is JsonException json
            ? Error.Validation("The request body is not valid JSON for this endpoint" + JsonLocation(json) + ".",
                "Check field names, types and quoting.")
            : Error.Validation("The request is malformed: a required body or parameter is missing or invalid.");
    }

    // The JSON path (e.g. "$.name") is safe to echo and tells a program which field to fix.
    private static string JsonLocation(JsonException json) =>
        string.IsNullOrEmpty(json.Path) ? "" : $" (at {json.Path})";
}
