using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Clawverse.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;

namespace Clawverse.Surfaces.Http.OpenApi;

/// <summary>/docs: Scalar's API reference over the four documents. Its script, stylesheet and favicon are the
/// package's own files, served from this server under /docs (nothing from a CDN; fonts from Scalar's host off).</summary>
public static class ApiReference
{
    public const string Path = "/docs";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder routes)
    {
        routes.MapScalarApiReference(Path, options =>
        {
            options.WithTitle("Clawverse API reference").DisableDefaultFonts();
            foreach (var document in ApiDocuments.All)
            {
                options.AddDocument(document.Name, document.Title, document.JsonPath, isDefault: document.Name == ApiDocuments.Native);
            }
        });
        return routes;
    }

    /// <summary>The content security policy of /docs, in front of the reference's endpoints.</summary>
    public static IApplicationBuilder UseApiReferenceSecurity(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase),
            branch => branch.UseMiddleware<ApiReferenceSecurityMiddleware>());
}

/// <summary>Gives /docs a policy that allows only what Scalar's page needs: scripts from this server plus the page's
/// one inline bootstrap script, allowed by its hash (computed from the page as sent, so it follows the options);
/// inline styles (the reference sets them at run time); documents and "try it" calls to this server and its public
/// URL. Only the HTML page is buffered, to hash it; the script files stream as they are.</summary>
public sealed partial class ApiReferenceSecurityMiddleware(RequestDelegate next, ClawverseOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (IsAsset(context.Request.Path))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.ContentSecurityPolicy = Policy([]);
                return Task.CompletedTask;
            });
            await next(context);
            return;
        }

        // The page is hashed as sent, so it must not be compressed on its way out of the reference's endpoint.
        context.Request.Headers.AcceptEncoding = default;
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        // Only the reference's own pages, and only their one bootstrap: a page whose path or content is anything else
        // (a future version reflecting the request into a script) gets no inline script at all.
        var hashes = IsPage(context.Request.Path) ? InlineScriptHashes(html) : [];
        context.Response.Headers.ContentSecurityPolicy = Policy(hashes.Count == 1 ? hashes : []);
        context.Response.Headers.XFrameOptions = "DENY";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    public static IReadOnlyList<string> InlineScriptHashes(string html) =>
        [.. InlineScript().Matches(html).Select(match => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(match.Groups[1].Value))) + "'")];

    private string Policy(IReadOnlyList<string> scriptHashes)
    {
        var publicOrigin = Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) ? " " + url.GetLeftPart(UriPartial.Authority) : "";
        return $"default-src 'none'; script-src 'self'{string.Concat(scriptHashes.Select(hash => " " + hash))}; " +
            "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
            $"connect-src 'self'{publicOrigin}; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static bool IsPage(PathString path)
    {
        var rest = path.Value!.Length > ApiReference.Path.Length ? path.Value[(ApiReference.Path.Length + 1)..].TrimEnd('/') : "";
        return rest.Length == 0 || ApiDocuments.All.Any(document => document.Name == rest);
    }

    // The reference's files (scalar.js, favicon.svg) have an extension; its pages (/docs, /docs/, /docs/native) do not.
    private static bool IsAsset(PathString path) => System.IO.Path.HasExtension(path.Value);

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
