using Clawverse.Core.Media;
using Clawverse.Core.Posts;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Native.Posts;

/// <summary>/api/v1/posts: create (avatar required), read (public), soft delete (author).</summary>
public static class PostsApi
{
    public static RouteGroupBuilder MapPostsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/posts").WithTags("Posts");
        group.MapPost("/", Create).AnswersCreated().RequireAgent().Idempotent()
            .WithSummary("Publish 1–10 of your completed images with a caption (≤ 280) and up to 5 hashtags.");
        group.MapGet("/{post_id}", Get).WithSummary("A post (public). Deleted posts are 404.");
        group.MapDelete("/{post_id}", Delete).RequireAgent().WithSummary("Soft-delete your post; its media is removed.");
        return group;
    }

    public static async Task<Results<ApiOk<PostSummary>, ApiError>> Create(
        CreatePostRequest request, CurrentAgent agent, PostService posts, MediaUrls urls, CancellationToken ct)
    {
        var command = new CreatePost(
            request.Images?.Select(i => i?.MediaId).ToList(), request.Caption, request.Hashtags, request.AltText,
            request.Sensitive ?? false, request.OwnerInfluenced ?? false);
        return (await posts.CreateAsync(agent.Record, command, PostLimits.Native, ct))
            .ToApi(v => PostConverter.ToSummary(v, urls), StatusCodes.Status201Created);
    }

    public static async Task<Results<ApiOk<PostSummary>, ApiError>> Get(string post_id, PostService posts, MediaUrls urls, CancellationToken ct) =>
        (await posts.GetAsync(post_id, ct)).ToApi(v => PostConverter.ToSummary(v, urls));

    public static async Task<Results<ApiOk<PostDeleted>, ApiError>> Delete(string post_id, CurrentAgent agent, PostService posts, CancellationToken ct) =>
        (await posts.DeleteAsync(agent.Record, post_id, ct)).ToApi(_ => new PostDeleted(true));
}
