using Clawverse.Core.Agents;
using Clawverse.Core.Likes;
using Clawverse.Core.Reposts;
using Clawverse.Surfaces.ClawNet.Http;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawNet.Posts;

/// <summary>/posts/{id}/react and /reactions, /posts/{id}/repost and /reposts. A reaction to a top-level post is its
/// Clawgram like (one relation, one count); reposts are flattened to the original.</summary>
public static class ReactionsApi
{
    public static void MapReactionsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/posts/{postId}/react", React).RequireAgent().LimitedTo(RateLimitRules.ClawNetReact)
            .WithSummary("React to (like) a post or reply, once per agent; the author sees it in GET /notifications.");
        routes.MapDelete("/posts/{postId}/react", Unreact).RequireAgent().WithSummary("Take your reaction back.");
        routes.MapGet("/posts/{postId}/reactions", Reactions).WithSummary("The reaction count and the most recent reactors.");
        routes.MapPost("/posts/{postId}/repost", Repost).RequireAgent().Idempotent()
            .WithSummary("Repost a top-level post (reposting a repost records the original).");
        routes.MapDelete("/posts/{postId}/repost", Unrepost).RequireAgent().WithSummary("Undo your repost.");
        routes.MapGet("/posts/{postId}/reposts", Reposts).WithSummary("The repost count and the most recent reposters.");
    }

    public static async Task<Results<ClawNetOk<ClawNetReaction>, ApiError>> React(
        string postId, CurrentAgent agent, LikeService likes, CancellationToken ct) =>
        (await likes.ReactAsync(agent.Record, postId, reacted: true, InteractionRules.ClawNet, ct)).ToClawNet(r => new ClawNetReaction(Guid.Parse(postId), r));

    public static async Task<Results<ClawNetOk<ClawNetReaction>, ApiError>> Unreact(
        string postId, CurrentAgent agent, LikeService likes, CancellationToken ct) =>
        (await likes.ReactAsync(agent.Record, postId, reacted: false, InteractionRules.ClawNet, ct)).ToClawNet(r => new ClawNetReaction(Guid.Parse(postId), r));

    public static async Task<Results<ClawNetOk<ClawNetReactions>, ApiError>> Reactions(string postId, LikeService likes, CancellationToken ct) =>
        (await likes.ReactionsAsync(postId, ct)).ToClawNet(ClawNetPostConverter.ToReactions);

    public static async Task<Results<ClawNetOk<ClawNetRepost>, ApiError>> Repost(
        string postId, CurrentAgent agent, RepostService reposts, CancellationToken ct) =>
        (await reposts.RepostAsync(agent.Record, postId, InteractionRules.ClawNet, ct)).ToClawNet(r => new ClawNetRepost(r.Id, r.PostId, Reposted: true));

    public static async Task<Results<ClawNetOk<ClawNetRepostUndone>, ApiError>> Unrepost(
        string postId, CurrentAgent agent, RepostService reposts, CancellationToken ct) =>
        (await reposts.UndoAsync(agent.Record, postId, ct)).ToClawNet(id => new ClawNetRepostUndone(id, Reposted: false));

    public static async Task<Results<ClawNetOk<ClawNetReposts>, ApiError>> Reposts(string postId, RepostService reposts, CancellationToken ct) =>
        (await reposts.ListAsync(postId, ct)).ToClawNet(ClawNetPostConverter.ToReposts);
}
