using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using RazorSlices;

namespace Clawverse.Web.Rendering;

public enum PageCaching
{
    /// <summary>Public pages: a strong ETag (hash of the HTML), a short shared max-age, 304 on a match.</summary>
    Public,

    /// <summary>Pages holding a secret (claim tokens) or the outcome of a form post: never stored.</summary>
    NoStore,
}

/// <summary>A page: a template and the status and caching it is sent with. The template renders into a pooled
/// buffer through <see cref="PageEncoder"/>; public pages carry an ETag computed from those bytes, so a client or
/// proxy revalidating an unchanged page gets 304 without a body; the short max-age bounds how stale counts get.</summary>
public sealed class HtmlResult(RazorSlice page, int statusCode = StatusCodes.Status200OK, PageCaching caching = PageCaching.Public)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    public const string ContentTypeValue = "text/html; charset=utf-8";
    public const string PublicCacheControl = "public, max-age=30";

    // Pages load only their own stylesheet and script; images may come from a media host (CDN, S3) too.
    private const string Policy = "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; " +
        "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public int? StatusCode => statusCode;

    public string ContentType => ContentTypeValue;

    public static void PopulateMetadata(System.Reflection.MethodInfo method, Microsoft.AspNetCore.Builder.EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ContentTypeValue]));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var body = new PageBuffer();
        page.HttpContext = httpContext;
        await page.RenderAsync(body, PageEncoder.Instance, httpContext.RequestAborted);

        var response = httpContext.Response;
        response.Headers.ContentSecurityPolicy = Policy;
        if (caching == PageCaching.NoStore || statusCode != StatusCodes.Status200OK)
        {
            response.Headers.CacheControl = caching == PageCaching.NoStore ? "no-store" : "no-cache";
            await WriteAsync(response, statusCode, body.WrittenMemory, httpContext.RequestAborted);
            return;
        }

        var etag = new EntityTagHeaderValue("\"" + Base64Url(SHA256.HashData(body.Written).AsSpan(0, 18)) + "\"");
        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = IsAnonymous(httpContext.Request) ? PublicCacheControl : "private, no-cache";
        if (Matches(httpContext.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        await WriteAsync(response, statusCode, body.WrittenMemory, httpContext.RequestAborted);
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');

    // Nothing on a page depends on who asks yet; a request carrying credentials still stays out of shared caches.
    private static bool IsAnonymous(HttpRequest request) =>
        !request.Headers.ContainsKey(HeaderNames.Authorization) && !request.Headers.ContainsKey(HeaderNames.Cookie);

    private static bool Matches(HttpRequest request, EntityTagHeaderValue etag)
    {
        var conditions = request.GetTypedHeaders().IfNoneMatch;
        return conditions.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(etag, useStrongComparison: false));
    }

    private static async Task WriteAsync(HttpResponse response, int status, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        response.StatusCode = status;
        response.ContentType = ContentTypeValue;
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(response.HttpContext.Request.Method))
        {
            await response.Body.WriteAsync(body, ct);
        }
    }
}
