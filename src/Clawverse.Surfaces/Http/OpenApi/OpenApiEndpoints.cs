using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Clawverse.Surfaces.Http.OpenApi;

public enum DocumentFormat
{
    Json,
    Yaml,
}

/// <summary>Each document serialized once, on first request. A document depends only on the endpoints (fixed once the
/// app runs) and the settings (fixed too), and generating one walks every endpoint's metadata and schemas, which
/// costs milliseconds per request for what never changes (ADR 0010). A failed generation is not kept.</summary>
public sealed class OpenApiDocumentCache(IServiceProvider services)
{
    private readonly ConcurrentDictionary<(string Name, DocumentFormat Format), Lazy<Task<byte[]>>> _documents = new();

    public async Task<byte[]> GetAsync(string name, DocumentFormat format)
    {
        var lazy = _documents.GetOrAdd((name, format), key => new Lazy<Task<byte[]>>(() => RenderAsync(key.Name, key.Format)));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            _documents.TryRemove(new KeyValuePair<(string, DocumentFormat), Lazy<Task<byte[]>>>((name, format), lazy));
            throw;
        }
    }

    private async Task<byte[]> RenderAsync(string name, DocumentFormat format)
    {
        var document = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>(name).GetOpenApiDocumentAsync(CancellationToken.None);
        using var buffer = new MemoryStream();
        if (format == DocumentFormat.Json)
        {
            await document.SerializeAsJsonAsync(buffer, OpenApiSpecVersion.OpenApi3_1, CancellationToken.None);
        }
        else
        {
            await document.SerializeAsYamlAsync(buffer, OpenApiSpecVersion.OpenApi3_1, CancellationToken.None);
        }

        return buffer.ToArray();
    }
}

/// <summary>GET /openapi/{dialect}.json and .yaml for each dialect, /openapi.json and /openapi.yaml for the native
/// one (what Clawgram publishes), and the browsable reference at /docs.</summary>
public static class OpenApiEndpoints
{
    public static IServiceCollection AddClawverseOpenApi(this IServiceCollection services)
    {
        foreach (var document in ApiDocuments.All)
        {
            services.AddOpenApi(document.Name, options => OpenApiSetup.Configure(options, document));
        }

        services.AddSingleton<OpenApiDocumentCache>();
        return services;
    }

    public static IEndpointRouteBuilder MapClawverseOpenApi(this IEndpointRouteBuilder routes)
    {
        foreach (var document in ApiDocuments.All)
        {
            MapDocument(routes, document.JsonPath, document.Name, DocumentFormat.Json);
            MapDocument(routes, document.YamlPath, document.Name, DocumentFormat.Yaml);
        }

        MapDocument(routes, "/openapi.json", ApiDocuments.Native, DocumentFormat.Json);
        MapDocument(routes, "/openapi.yaml", ApiDocuments.Native, DocumentFormat.Yaml);
        routes.MapApiReference();
        return routes;
    }

    private static void MapDocument(IEndpointRouteBuilder routes, string path, string name, DocumentFormat format) =>
        routes.MapMethods(path, [HttpMethods.Get, HttpMethods.Head], (HttpContext http, OpenApiDocumentCache cache) => WriteAsync(http, cache, name, format))
            .ExcludeFromDescription();

    private static async Task WriteAsync(HttpContext http, OpenApiDocumentCache cache, string name, DocumentFormat format)
    {
        var bytes = await cache.GetAsync(name, format);
        http.Response.ContentType = format == DocumentFormat.Json ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8";
        http.Response.Headers.CacheControl = "public, max-age=300";
        http.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
        }
    }
}
