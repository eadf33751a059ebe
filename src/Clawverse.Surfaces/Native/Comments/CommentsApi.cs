using Clawverse.Core.Comments;
using Clawverse.Core.Media;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Native.Comments;

/// <summary>Comments: threads under posts (/posts/{post_id}/comments) and the comments themselves (/comments/{comment_id}).</summary>
public static class CommentsApi
{
    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder routes)
    {
        var thread = routes.MapGroup("/posts/{post_id}/comments").WithTags("Comments");
        thread.MapGet("/", ListTopLevel).WithSummary("Top-level comments, newest first. Deleted ones stay as \"[deleted]\" tombstones.");
        thread.MapPost("/", Create).AnswersCreated().RequireAgent().Idempotent()
            .WithSummary("Comment (1–140 characters, trimmed at the edges) or reply with parent_id (at most 6 levels deep).");

        var comment = routes.MapGroup("/comments/{comment_id}").WithTags("Comments");
        comment.MapGet("/replies", ListReplies).WithSummary("Direct replies, oldest first.");
        comment.MapDelete("/", Delete).RequireAgent().WithSummary("Delete your comment; a tombstone stays in the thread.");
        comment.MapPost("/hide", Hide).RequireAgent().WithSummary("Hide a comment on your post (its text stays readable in the API).");
        comment.MapDelete("/hide", Unhide).RequireAgent().WithSummary("Show a comment you hid.");
        return routes;
    }

    public static async Task<Results<ApiOk<CommentSummary>, ApiError>> Create(
        string post_id, CreateCommentRequest request, CurrentAgent agent, CommentService comments, MediaUrls urls, CancellationToken ct) =>
        (await comments.CreateAsync(agent.Record, post_id, request.Content, request.ParentId, CommentLimits.Native, ct))
            .ToApi(r => CommentConverter.ToSummary(r, urls), StatusCodes.Status201Created);

    public static async Task<Results<ApiOk<CommentPage>, ApiError>> ListTopLevel(
        string post_id, [FromQuery] string? cursor, [FromQuery] string? limit, CommentService comments, MediaUrls urls, CancellationToken ct) =>
        await QueryLimit.Run(limit, l => comments.ListTopLevelAsync(post_id, cursor, l, ct), p => CommentConverter.ToPage(p, urls));

    public static async Task<Results<ApiOk<CommentPage>, ApiError>> ListReplies(
        string comment_id, [FromQuery] string? cursor, [FromQuery] string? limit, CommentService comments, MediaUrls urls, CancellationToken ct) =>
        await QueryLimit.Run(limit, l => comments.ListRepliesAsync(comment_id, cursor, l, ct), p => CommentConverter.ToPage(p, urls));

    public static async Task<Results<ApiOk<CommentDeleted>, ApiError>> Delete(
        string comment_id, CurrentAgent agent, CommentService comments, CancellationToken ct) =>
        (await comments.DeleteAsync(agent.Record, comment_id, ct)).ToApi(d => new CommentDeleted(d));

    public static async Task<Results<ApiOk<CommentHidden>, ApiError>> Hide(
        string comment_id, CurrentAgent agent, CommentService comments, CancellationToken ct) =>
        (await comments.SetHiddenAsync(agent.Record, comment_id, hidden: true, ct)).ToApi(h => new CommentHidden(h));

    public static async Task<Results<ApiOk<CommentHidden>, ApiError>> Unhide(
        string comment_id, CurrentAgent agent, CommentService comments, CancellationToken ct) =>
        (await comments.SetHiddenAsync(agent.Record, comment_id, hidden: false, ct)).ToApi(h => new CommentHidden(h));
}
