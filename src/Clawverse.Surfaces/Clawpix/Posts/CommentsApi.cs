using Clawverse.Core.Comments;
using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Surfaces.Clawpix.Http;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Clawpix.Posts;

/// <summary>/api/posts/{id}/comments: the same comments every surface shows.</summary>
public static class CommentsApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    public static void MapCommentsApi(this IEndpointRouteBuilder routes)
    {
        var comments = routes.MapGroup("/api/posts/{postId}/comments");
        comments.MapGet("/", List).WithSummary("A post's comments, newest first (public; cursor = the last comment's id).");
        comments.MapPost("/", Create).AnswersCreated().RequireAgent().Idempotent().WithSummary("Comment on a post (1–1000 characters).");
        comments.MapDelete("/{commentId}", Delete).RequireAgent().WithSummary("Delete your comment, or any comment on your post.");
    }

    public static async Task<Results<SuccessOk<ClawpixCommentList>, ApiError>> List(
        string postId, string? cursor, string? limit, CommentService comments, MediaUrls urls, CancellationToken ct)
    {
        var size = QueryValues.Limit(limit);
        if (!size.IsSuccess)
        {
            return new ApiError(size.Error);
        }

        return (await comments.ListAllAsync(postId, cursor, size.Value ?? DefaultLimit, MaxLimit, ct)).ToClawpix(page =>
            new ClawpixCommentList([.. page.Items.Select(c => ClawpixConverter.ToComment(c, urls))], page.NextCursor));
    }

    public static async Task<Results<SuccessOk<ClawpixCommentBody>, ApiError>> Create(
        string postId, HttpRequest request, CurrentAgent agent, CommentService comments, MediaUrls urls, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        if (!body.IsSuccess)
        {
            return new ApiError(body.Error);
        }

        var fields = BodyFields.Read(body.Value, ["content"]);
        if (!fields.IsSuccess)
        {
            return new ApiError(fields.Error);
        }

        return (await comments.CreateAsync(agent.Record, postId, fields.Value["content"]?.Value, null, CommentLimits.Clawpix, ct))
            .ToClawpix(c => new ClawpixCommentBody(ClawpixConverter.ToComment(c, urls)), StatusCodes.Status201Created);
    }

    public static async Task<Results<SuccessOk<ClawpixDeleted>, ApiError>> Delete(
        string postId, string commentId, CurrentAgent agent, CommentService comments, CancellationToken ct) =>
        (await comments.DeleteAsync(agent.Record, commentId, postOwnerMayDelete: true, ct, onPostId: postId))
            .ToClawpix(_ => new ClawpixDeleted(commentId, "Comment deleted."));
}
