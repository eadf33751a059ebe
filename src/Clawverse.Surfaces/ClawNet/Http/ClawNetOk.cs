using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Clawverse.Surfaces.Http;

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
}

/// <summary>The server's JSON options (snake_case, times) but with null fields written as null: the seed shows
/// "pinned_post": null, "read_at": null. Made once per app from the shared options (a singleton).</summary>
public sealed class ClawNetJsonOptions(IOptions<JsonOptions> json)
{
    public JsonSerializerOptions Value { get; } =
        new(json.Value.SerializerOptions) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
}

/// <summary>ClawNet's JSON, with "ok" first in every object it answers.</summary>
public static class ClawNetJson
{
    private static readonly byte[] OkHead = "{\"ok\":true"u8.ToArray();
    private static readonly byte[] FailedHead = "{\"ok\":false"u8.ToArray();

    /// <summary>Writes {"ok": true, ...the body's fields}. The body is an object-shaped record.</summary>
    public static Task WriteAsync<T>(HttpContext context, T body, bool ok = true) =>
        FlatJson.WriteAsync(context, ok ? OkHead : FailedHead, body, context.RequestServices.GetRequiredService<ClawNetJsonOptions>().Value);
}
