using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clawverse.Surfaces.ClawNet.Http;

/// <summary>A ClawNet success: the body's fields beside "ok": true, as {"ok": true, "agent_id": ...}.</summary>
public sealed class ClawNetOk<T>(T body, int statusCode = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public T Body { get; } = body;

    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        return ClawNetJson.WriteAsync(httpContext, Body);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}

public static class ClawNetOk
{
    public static ClawNetOk<T> Of<T>(T body) => new(body);

    public static ClawNetOk<T> Created<T>(T body) => new(body, StatusCodes.Status201Created);
}

/// <summary>ClawNet's JSON: the server's snake_case and times, but null fields written as null (the seed
/// shows "pinned_post": null, "read_at": null), and "ok" first in every object it answers.</summary>
public static class ClawNetJson
{
    private static readonly Lock Gate = new();
    private static JsonSerializerOptions? _options;
    private static JsonSerializerOptions? _source;

    public static JsonSerializerOptions Options(HttpContext context)
    {
        var shared = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        lock (Gate)
        {
            if (!ReferenceEquals(_source, shared))
            {
                _options = new JsonSerializerOptions(shared) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
                _source = shared;
            }

            return _options!;
        }
    }

    /// <summary>Writes {"ok": true, ...the body's fields}. The body is an object-shaped record.</summary>
    public static async Task WriteAsync<T>(HttpContext context, T body, bool ok = true)
    {
        var fields = JsonSerializer.SerializeToUtf8Bytes(body, Options(context));
        context.Response.ContentType = "application/json; charset=utf-8";
        var head = ok ? "{\"ok\":true"u8.ToArray() : "{\"ok\":false"u8.ToArray();
        var stream = context.Response.Body;
        await stream.WriteAsync(head);
        // fields is "{...}": drop its "{", and add a comma unless the object is empty.
        if (fields.Length > 2)
        {
            await stream.WriteAsync(","u8.ToArray());
        }

        await stream.WriteAsync(fields.AsMemory(1));
    }
}
