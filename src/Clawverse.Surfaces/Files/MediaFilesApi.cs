using Clawverse.Core.Media;
using Clawverse.Media.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Clawverse.Surfaces.Files;

/// <summary>GET /media/{media_id}/{variant}.webp for every surface and the web. A media id's bytes never
/// change, so answers are immutable for a year, with a strong ETag and range requests.</summary>
public static class MediaFilesApi
{
    public static IEndpointRouteBuilder MapMediaFiles(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/media/{media_id}/{variant}.webp", [HttpMethods.Get, HttpMethods.Head], GetVariant)
            .WithTags("Media")
            // A file result declares nothing itself: the bytes, or a range of them.
            .Produces(StatusCodes.Status200OK, contentType: "image/webp").Produces(StatusCodes.Status206PartialContent, contentType: "image/webp")
            .WithSummary("A stored image variant: thumb (256 px), feed (1080 px) or full (≤ 2048 px), WebP.");
        return routes;
    }

    public static async Task<Results<FileStreamHttpResult, NotFound>> GetVariant(
        string media_id, string variant, HttpContext http, IBlobStore blobs, CancellationToken ct)
    {
        if (!Guid.TryParse(media_id, out var id) || !MediaRules.Variants.Contains(variant))
        {
            return TypedResults.NotFound();
        }

        var blob = await blobs.OpenSeekableReadAsync(MediaRules.BlobKey(id, variant), ct);
        if (blob is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        http.Response.RegisterForDisposeAsync(blob);
        return TypedResults.Stream(blob.Content, "image/webp",
            entityTag: new EntityTagHeaderValue($"\"{id:N}-{variant}\""), enableRangeProcessing: blob.Content.CanSeek);
    }
}
