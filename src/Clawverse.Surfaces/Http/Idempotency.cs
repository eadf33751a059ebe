using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Clawverse.Storage.Records;
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
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyGate gate)
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

        if (IdempotencyGate.CheckKey(key, IdempotencyWording.Header) is { } invalid)
        {
            await ApiError.WriteAsync(context, invalid);
            return;
        }

        var scope = Scope(context);
        var requestHash = await HashRequestAsync(context.Request);
        if (await gate.ReserveAsync(scope, key, requestHash, context.RequestAborted) is { } existing)
        {
            await AnswerFromRecordAsync(context, existing, requestHash);
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
            if (IdempotencyGate.Remembers(context.Response.StatusCode))
            {
                await gate.CompleteAsync(scope, key, context.Response.StatusCode, context.Response.ContentType, captured.ToArray());
                completed = true;
            }
        }
        finally
        {
            context.Response.Body = originalBody;
            if (!completed)
            {
                await gate.ReleaseAsync(scope, key);
            }
        }

        captured.Position = 0;
        await captured.CopyToAsync(originalBody, context.RequestAborted);
    }

    private static async Task AnswerFromRecordAsync(HttpContext context, IdempotencyRecord existing, byte[] requestHash)
    {
        if (IdempotencyGate.Refusal(existing, requestHash, IdempotencyWording.Header) is { } refused)
        {
            await ApiError.WriteAsync(context, refused);
            return;
        }

        var status = existing.StatusCode!.Value;
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
