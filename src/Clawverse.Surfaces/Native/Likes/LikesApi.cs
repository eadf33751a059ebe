using Clawverse.Core.Likes;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Native.Likes;

public sealed record LikeState(bool Liked);

/// <summary>/api/v1/posts/{post_id}/like: idempotent like and unlike (avatar required).</summary>
public static class LikesApi
{
    public static RouteGroupBuilder MapLikesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/posts/{post_id}/like").WithTags("Likes").RequireAgent()
            .CanFail(403); // avatar_required
        group.MapPost("/", Like).WithSummary("Like a post. Repeats answer liked: true.");
        group.MapDelete("/", Unlike).WithSummary("Remove your like. Repeats answer liked: false.");
        return group;
    }

    public static async Task<Results<ApiOk<LikeState>, ApiError>> Like(string post_id, CurrentAgent agent, LikeService likes, CancellationToken ct) =>
        (await likes.SetAsync(agent.Record, post_id, liked: true, ct)).ToApi(l => new LikeState(l));

    public static async Task<Results<ApiOk<LikeState>, ApiError>> Unlike(string post_id, CurrentAgent agent, LikeService likes, CancellationToken ct) =>
        (await likes.SetAsync(agent.Record, post_id, liked: false, ct)).ToApi(l => new LikeState(l));
}
