using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Clawverse.Web.Rendering;

/// <summary>The stylesheet, scripts and icon, embedded in the assembly. Pages link them with a content hash
/// in the query (<see cref="Url"/>), so they are cached for a year and change URL when they change.</summary>
public static class StaticAssets
{
    public const string Css = "site.css";
    public const string Script = "site.js";
    public const string Icon = "favicon.svg";

    /// <summary>The ClawVatar browser SDK (window.clawvatar, seeds/clawvatar.txt); its bare URL,
    /// /assets/clawvatar.js, is the stable one for pages elsewhere (five-minute cache).</summary>
    public const string ClawVatarSdk = "clawvatar.js";

    private static readonly FrozenDictionary<string, Asset> Assets = new[] { Css, Script, Icon, ClawVatarSdk }
        .ToFrozenDictionary(name => name, Load, StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapStaticAssets(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/assets/{name}", [HttpMethods.Get, HttpMethods.Head], Get).ExcludeFromDescription();
        return routes;
    }

    public static string Url(string name) => Assets[name].Url;

    public static int Size(string name) => Assets[name].Bytes.Length;

    public static Results<FileContentHttpResult, NotFound> Get(string name, HttpContext http)
    {
        if (!Assets.TryGetValue(name, out var asset))
        {
            return TypedResults.NotFound();
        }

        // Only the URL with this content's hash is immutable: the bare name, or a hash from another release (a page
        // cached before a deploy), may stand for other bytes tomorrow.
        http.Response.Headers.CacheControl = http.Request.Query["v"] == asset.Hash
            ? "public, max-age=31536000, immutable"
            : "public, max-age=300";
        return TypedResults.File(asset.Bytes, asset.ContentType, entityTag: new EntityTagHeaderValue(asset.ETag));
    }

    private static Asset Load(string name)
    {
        using var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream("Clawverse.Web.Assets." + name)
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
        var type = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        return new Asset(bytes, type, hash, $"/assets/{name}?v={hash}", $"\"{hash}\"");
    }

    private sealed record Asset(byte[] Bytes, string ContentType, string Hash, string Url, string ETag);
}
