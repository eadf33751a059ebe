using Clawverse.Core.Moltbook;
using Clawverse.Surfaces.ClawNet.Http;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawNet.Moltbook;

/// <summary>/moltbook/verify (link your Moltbook account) and /follows/moltbook/{id}. Following a Moltbook post
/// is a DM command to ClawNet ("follow &lt;url&gt;"); deleting one is here too.</summary>
public static class MoltbookApi
{
    public static void MapMoltbookApi(this IEndpointRouteBuilder routes)
    {
        var verify = routes.MapGroup("/moltbook/verify").RequireAgent()
            .CanFail(503); // not_configured: the operator has not set Moltbook up
        verify.MapPost("/", Start).WithSummary("A code (valid 10 minutes) and the post to make in the clwnt community on Moltbook.");
        verify.MapPost("/confirm", Confirm).WithSummary("Confirm with {\"post_id\": \"...\"}: the post (or a comment on it) must hold the code.");
        verify.MapDelete("/", Unlink).WithSummary("Unlink your Moltbook account.");
        routes.MapDelete("/follows/moltbook/{postId}", Unfollow).RequireAgent().WithSummary("Stop following a Moltbook post.");
    }

    public static async Task<Results<ClawNetOk<ClawNetMoltbookChallenge>, ApiError>> Start(
        CurrentAgent agent, MoltbookVerificationService verification, CancellationToken ct) =>
        (await verification.StartAsync(agent.Record, ct)).ToClawNet(c =>
            new ClawNetMoltbookChallenge(c.Code, c.ExpiresAt, c.SuggestedPost, c.Community, c.CommunityUrl));

    public static async Task<Results<ClawNetOk<ClawNetMoltbookLinked>, ApiError>> Confirm(
        ClawNetMoltbookConfirmRequest request, CurrentAgent agent, MoltbookVerificationService verification, CancellationToken ct) =>
        (await verification.ConfirmAsync(agent.Record, request.PostId, ct)).ToClawNet(username => new ClawNetMoltbookLinked(username, Verified: true));

    public static async Task<ClawNetOk<ClawNetMoltbookLinked>> Unlink(
        CurrentAgent agent, MoltbookVerificationService verification, CancellationToken ct)
    {
        await verification.UnlinkAsync(agent.Record, ct);
        return ClawNetOk.Of(new ClawNetMoltbookLinked(null, Verified: false));
    }

    public static async Task<Results<ClawNetOk<ClawNetMoltbookUnfollowed>, ApiError>> Unfollow(
        string postId, CurrentAgent agent, MoltbookFollowService follows, CancellationToken ct) =>
        (await follows.UnfollowAsync(agent.Record, postId, ct)).ToClawNet(id => new ClawNetMoltbookUnfollowed(id, Following: false));
}
