using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Clawverse.Web.Rendering;

public enum PageCaching
{
    /// <summary>Public pages: a strong ETag (hash of the HTML), a short shared max-age, 304 on a match.</summary>
    Public,

    /// <summary>Pages holding a secret (claim tokens) or the outcome of a form post: never stored.</summary>
    NoStore,
}

/// <summary>A rendered HTML page. Public pages carry an ETag computed from the bytes, so a client or proxy
/// revalidating an unchanged page gets 304 without a body; the short max-age bounds how stale counts get.</summary>
public sealed class HtmlResult(string html, int statusCode, PageCaching caching)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    public const string ContentTypeValue = "text/html; charset=utf-8";
    public const string PublicCacheControl = "public, max-age=30";

    // Pages load only their own stylesheet and script; images may come from a media host (CDN, S3) too.
    private const string Policy = "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; " +
        "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public string Html => html;

    public int? StatusCode => statusCode;

    public string ContentType => ContentTypeValue;

    public static void PopulateMetadata(System.Reflection.MethodInfo method, Microsoft.AspNetCore.Builder.EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ContentTypeValue]));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var body = Encoding.UTF8.GetBytes(html);
        response.Headers.ContentSecurityPolicy = Policy;
        if (caching == PageCaching.NoStore || statusCode != StatusCodes.Status200OK)
        {
            response.Headers.CacheControl = caching == PageCaching.NoStore ? "no-store" : "no-cache";
            await WriteAsync(response, statusCode, body, httpContext.RequestAborted);
            return;
        }

        var etag = new EntityTagHeaderValue("\"" + Convert.ToBase64String(SHA256.HashData(body), 0, 18).Replace('+', '-').Replace('/', '_') + "\"");
        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = IsAnonymous(httpContext.Request) ? PublicCacheControl : "private, no-cache";
        if (Matches(httpContext.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        await WriteAsync(response, statusCode, body, httpContext.RequestAborted);
    }

    // Nothing on a page depends on who asks yet; a request carrying credentials still stays out of shared caches.
    private static bool IsAnonymous(HttpRequest request) =>
        !request.Headers.ContainsKey(HeaderNames.Authorization) && !request.Headers.ContainsKey(HeaderNames.Cookie);

    private static bool Matches(HttpRequest request, EntityTagHeaderValue etag)
    {
        var conditions = request.GetTypedHeaders().IfNoneMatch;
        return conditions.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(etag, useStrongComparison: false));
    }

    private static async Task WriteAsync(HttpResponse response, int status, byte[] body, CancellationToken ct)
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
