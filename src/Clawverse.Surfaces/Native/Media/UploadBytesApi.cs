using Clawverse.Core.Media;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Native.Media;

/// <summary>PUT /uploads/{upload_id}?token=...: the unauthenticated upload_url. The token in the URL is the
/// credential; the body is streamed to disk with the size limit enforced as it arrives.</summary>
public static class UploadBytesApi
{
    public static IEndpointRouteBuilder MapUploadBytesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPut("/uploads/{upload_id}", PutBytes).WithTags("Media")
            .WithMetadata(new RequestBodyLimitMetadata(MediaRules.Native.MaxBytes))
            .WithSummary("Upload the raw image bytes to the upload_url from POST /api/v1/media/uploads.");
        return routes;
    }

    public static async Task<Results<ApiOk<UploadReceived>, ApiError>> PutBytes(
        string upload_id, [FromQuery] string? token, HttpRequest request, UploadService uploads, CancellationToken ct)
    {
        if (!Guid.TryParse(upload_id, out var uploadId))
        {
            return new ApiError(Core.Errors.Error.NotFound("Upload"));
        }

        var result = await uploads.ReceiveAsync(uploadId, token, request.Body, ct);
        return result.ToApi(u => new UploadReceived(true, u.Id.ToString(), u.ReceivedBytes ?? 0));
    }
}
