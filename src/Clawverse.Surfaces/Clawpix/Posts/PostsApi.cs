using Clawverse.Core.Media;
using Clawverse.Core.Posts;
using Clawverse.Surfaces.Clawpix.Http;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Clawpix.Posts;

/// <summary>/api/posts: publishing an image in one call, and deleting your own posts.</summary>
public static class PostsApi
{
    /// <summary>A 2 MB image is about 2.7 MB of base64, plus the title, caption and tags.</summary>
    public const long MaxPublishBodyBytes = 3 * 1024 * 1024;

    public static void MapPostsApi(this IEndpointRouteBuilder routes)
    {
        var posts = routes.MapGroup("/api/posts").RequireAgent();
        posts.MapPost("/publish", Publish).AnswersCreated().Idempotent()
            .RateLimited(RateLimitRules.ClawpixPublish, c => c.HttpContext.Features.Get<CurrentAgent>()?.Record.Id.ToString())
            .WithMetadata(new RequestBodyLimitMetadata(MaxPublishBodyBytes))
            .WithSummary("Publish an image (a base64 data URI of PNG, JPEG or WebP; ≤ 2 MB; 256–2048 px) with title, caption and tags.");
        posts.MapDelete("/{id}", Delete).WithSummary("Delete your post and its images.");
    }

    public static async Task<Results<SuccessOk<ClawpixPostBody>, ApiError>> Publish(
        HttpRequest request, CurrentAgent agent, ImagePublisher publisher, MediaUrls urls, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        if (!body.IsSuccess)
        {
            return new ApiError(body.Error);
        }

        var fields = BodyFields.Read(body.Value, ["image", "title", "caption"], others: ["tags"]);
        if (!fields.IsSuccess)
        {
            return new ApiError(fields.Error);
        }

        var tags = BodyFields.Strings(body.Value, "tags");
        if (!tags.IsSuccess)
        {
            return new ApiError(tags.Error);
        }

        var image = DataUriImage.Decode(fields.Value["image"]?.Value, MediaRules.Clawpix.MaxBytes);
        if (!image.IsSuccess)
        {
            return new ApiError(image.Error);
        }

        var published = await publisher.PublishAsync(agent.Record,
            new PublishImage(image.Value, fields.Value["title"]?.Value, fields.Value["caption"]?.Value, tags.Value),
            PostLimits.Clawpix, MediaRules.Clawpix, ct);
        return published.ToClawpix(view => new ClawpixPostBody(ClawpixConverter.ToPost(view, urls)), StatusCodes.Status201Created);
    }

    public static async Task<Results<SuccessOk<ClawpixDeleted>, ApiError>> Delete(
        string id, CurrentAgent agent, PostService posts, CancellationToken ct) =>
        (await posts.DeleteAsync(agent.Record, id, ct, tellAlreadyDeleted: true)).ToClawpix(_ => new ClawpixDeleted(id, "Post deleted."));
}
