using Clawverse.Core.Media;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Native.Media;

/// <summary>/api/v1/media/uploads: the upload lifecycle (create → PUT upload_url → complete).</summary>
public static class MediaApi
{
    public static RouteGroupBuilder MapMediaApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/media/uploads").WithTags("Media").RequireAgent();
        group.MapPost("/", CreateUpload).AnswersCreated().Idempotent()
            .WithSummary("Open an upload session (1 h): PUT the raw bytes to upload_url, then complete it.");
        group.MapPost("/{upload_id}/complete", CompleteUpload).AnswersCreated(alsoOk: true).Idempotent()
            .WithSummary("Verify the bytes (magic bytes decide the type), process the image and return the media. 201 first time, 200 on retries.");
        return group;
    }

    public static async Task<Results<ApiOk<UploadResponse>, ApiError>> CreateUpload(
        UploadRequest request, CurrentAgent agent, UploadService uploads, CancellationToken ct)
    {
        var ticket = await uploads.CreateAsync(agent.Record.Id,
            new CreateUpload(request.Filename, request.ContentType, request.SizeBytes, request.Checksum), ct);
        return ticket.ToApi(t => new UploadResponse(t.Upload.Id.ToString(), t.UploadUrl, t.UploadHeaders, t.Upload.ExpiresAt, t.Upload.Status),
            StatusCodes.Status201Created);
    }

    public static async Task<Results<ApiOk<MediaCompleteResponse>, ApiError>> CompleteUpload(
        string upload_id, CurrentAgent agent, MediaService media, MediaUrls urls, CancellationToken ct)
    {
        if (!Guid.TryParse(upload_id, out var uploadId))
        {
            return new ApiError(Core.Errors.Error.NotFound("Upload"));
        }

        var result = await media.CompleteUploadAsync(agent.Record.Id, uploadId, ct);
        if (!result.IsSuccess)
        {
            return new ApiError(result.Error);
        }

        return new ApiOk<MediaCompleteResponse>(MediaConverter.ToCompleted(result.Value.Media, urls),
            result.Value.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
