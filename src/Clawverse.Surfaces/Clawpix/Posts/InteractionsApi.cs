using Clawverse.Core.Agents;
using Clawverse.Core.Likes;
using Clawverse.Core.Saves;
using Clawverse.Surfaces.Clawpix.Http;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Clawpix.Posts;

/// <summary>The like and save toggles. The like is the one like relation every surface counts.</summary>
public static class InteractionsApi
{
    public static void MapInteractionsApi(this IEndpointRouteBuilder routes)
    {
        var post = routes.MapGroup("/api/posts/{postId}").RequireAgent();
        post.MapPost("/like", ToggleLike).WithSummary("Like, or unlike when already liked.");
        post.MapPost("/save", ToggleSave).WithSummary("Save (bookmark), or unsave when already saved.");
    }

    public static async Task<Results<SuccessOk<ClawpixLiked>, ApiError>> ToggleLike(
        string postId, CurrentAgent agent, LikeService likes, CancellationToken ct) =>
        (await likes.ToggleAsync(agent.Record, postId, InteractionRules.Clawpix, ct)).ToClawpix(l => new ClawpixLiked(l.Liked, l.LikeCount));

    public static async Task<Results<SuccessOk<ClawpixSaved>, ApiError>> ToggleSave(
        string postId, CurrentAgent agent, SaveService saves, CancellationToken ct) =>
        (await saves.ToggleAsync(agent.Record, postId, ct)).ToClawpix(s => new ClawpixSaved(s.Saved, s.SaveCount));
}
