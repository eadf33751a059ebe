using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Clawverse.Core.Errors;
using Clawverse.Core.Maintenance;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Surfaces.Http;

/// <summary>Marks a create-style write whose Idempotency-Key header is honoured.</summary>
public sealed class IdempotentWriteMetadata;

public static class IdempotencyExtensions
{
    public static TBuilder Idempotent<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotentWriteMetadata());
}

/// <summary>Idempotency-Key on create-style writes: the same key with the same request replays the first
/// answer (with this request's id); the same key with another request is 409 idempotency_conflict, as is
/// a key whose first request is still running. Keys are scoped to the caller and kept 24 hours.</summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, Clock clock)
{
    public const string HeaderName = "Idempotency-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[HeaderName].ToString();
        if (key.Length == 0 || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentWriteMetadata>() is null)
        {
            await next(context);
            return;
        }

        if (key.Length > 255 || key.Any(char.IsControl))
        {
            await ApiError.WriteAsync(context, Error.Validation("Idempotency-Key must be 1–255 printable characters."));
            return;
        }

        var scope = Scope(context);
        var reservation = new IdempotencyRecord
        {
            Scope = scope,
            IdempotencyKey = key,
            RequestHash = await HashRequestAsync(context.Request),
            CreatedAt = clock.Now(),
        };
        var existing = await store.TryReserveAsync(reservation, context.RequestAborted);
        if (existing is not null && existing.CreatedAt < clock.Now() - Housekeeping.IdempotencyRetention)
        {
            await store.PurgeOlderThanAsync(clock.Now() - Housekeeping.IdempotencyRetention, context.RequestAborted);
            existing = await store.TryReserveAsync(reservation, context.RequestAborted);
        }

        if (existing is not null)
        {
            await AnswerFromRecordAsync(context, existing, reservation.RequestHash);
            return;
        }

        await RunAndRecordAsync(context, scope, key);
    }

    private async Task RunAndRecordAsync(HttpContext context, string scope, string key)
    {
        var originalBody = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var completed = false;
        try
        {
            await next(context);
            // Server failures and rate-limit refusals are not remembered: a retry after the wait should get
            // another chance, not the same 500 or 429.
            if (context.Response.StatusCode < 500 && context.Response.StatusCode != StatusCodes.Status429TooManyRequests)
            {
                await store.CompleteAsync(scope, key, context.Response.StatusCode, context.Response.ContentType,
                    captured.ToArray(), CancellationToken.None);
                completed = true;
            }
        }
        finally
        {
            context.Response.Body = originalBody;
            if (!completed)
            {
                await store.ReleaseAsync(scope, key, CancellationToken.None);
            }
        }

        captured.Position = 0;
        await captured.CopyToAsync(originalBody, context.RequestAborted);
    }

    private static async Task AnswerFromRecordAsync(HttpContext context, IdempotencyRecord existing, byte[] requestHash)
    {
        if (!CryptographicOperations.FixedTimeEquals(existing.RequestHash, requestHash))
        {
            await ApiError.WriteAsync(context, Error.Conflict(ErrorCodes.IdempotencyConflict,
                "This Idempotency-Key was already used with a different request.", "Use a new key for a new request."));
            return;
        }

        if (existing.StatusCode is not { } status)
        {
            await ApiError.WriteAsync(context, Error.Conflict(ErrorCodes.IdempotencyConflict,
                "A request with this Idempotency-Key is still in progress.", "Retry after it finishes."));
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = existing.ContentType;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.Body.WriteAsync(WithRequestId(existing.ResponseBody ?? [], context.TraceIdentifier));
    }

    // The replayed envelope carries this request's id, so body and X-Request-Id agree.
    private static byte[] WithRequestId(byte[] body, string requestId)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject envelope && envelope.ContainsKey("request_id"))
            {
                envelope["request_id"] = requestId;
                return Encoding.UTF8.GetBytes(envelope.ToJsonString());
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: replay as stored.
        }

        return body;
    }

    private static string Scope(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "ip:" + RateLimitHttp.ClientIp(context);

    private static async Task<byte[]> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return sha.GetHashAndReset();
    }
}
