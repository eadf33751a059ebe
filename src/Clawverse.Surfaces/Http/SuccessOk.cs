using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clawverse.Surfaces.Http;

/// <summary>The JSON of the camelCase dialects (Clawpix's "displayName", ClawVatar's "managementKey"): nulls
/// written, the server's times.</summary>
public sealed class CamelCaseJsonOptions(IOptions<JsonOptions> json)
{
    public JsonSerializerOptions Value { get; } = new(json.Value.SerializerOptions)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

/// <summary>A success of the dialects that answer {"success": true, ...the body's fields} in camelCase (Clawpix, ClawVatar).</summary>
public sealed class SuccessOk<T>(T body, int statusCode = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    private static readonly byte[] Head = "{\"success\":true"u8.ToArray();

    public T Body { get; } = body;

    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        return FlatJson.WriteAsync(httpContext, Head, Body, httpContext.RequestServices.GetRequiredService<CamelCaseJsonOptions>().Value);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
