using System.Reflection;
using Clawverse.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clawverse.Surfaces.Http;

/// <summary>A success answer in the native envelope, with its status (200 or 201).</summary>
public sealed class ApiOk<T>(T data, int statusCode = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public T Data { get; } = data;

    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        return JsonWriter.WriteAsync(httpContext, new SuccessEnvelope<T>(Data, httpContext.TraceIdentifier));
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(SuccessEnvelope<T>), ["application/json"]));
}

/// <summary>An expected failure in the native envelope.</summary>
public sealed class ApiError(Error error) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public Error Error { get; } = error;

    public int? StatusCode => Error.Status;

    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, Error);

    /// <summary>Writes the error in the envelope of the dialect that owns the path, the native one otherwise.</summary>
    public static Task WriteAsync(HttpContext httpContext, Error error)
    {
        if (httpContext.RequestServices.GetService<ApiPaths>()?.DialectOf(httpContext.Request.Path) is { } dialect)
        {
            return dialect.WriteAsync(httpContext, error);
        }

        error = NativeErrors.ToContract(error);
        httpContext.Response.StatusCode = error.Status;
        return JsonWriter.WriteAsync(httpContext, new ErrorEnvelope(error.Message, error.Code, error.Hint, httpContext.TraceIdentifier));
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ErrorEnvelope), ["application/json"]));

    public static implicit operator ApiError(Error error) => new(error);
}

public static class ApiResultExtensions
{
    /// <summary>Maps a core result to the envelope: the value through <paramref name="toWire"/>, an error as is.</summary>
    public static Results<ApiOk<TWire>, ApiError> ToApi<T, TWire>(
        this Result<T> result, Func<T, TWire> toWire, int statusCode = StatusCodes.Status200OK) =>
        result.IsSuccess ? new ApiOk<TWire>(toWire(result.Value), statusCode) : new ApiError(result.Error);

    public static ApiOk<T> Ok<T>(T data) => new(data);

    public static ApiOk<T> Created<T>(T data) => new(data, StatusCodes.Status201Created);
}

public static class JsonWriter
{
    public static Task WriteAsync<T>(HttpContext httpContext, T value)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return httpContext.Response.WriteAsJsonAsync(value, options, contentType: "application/json; charset=utf-8");
    }
}
