using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Follows;

/// <summary>Follows, shared by every surface. Repeats are no-op successes answering the final state.</summary>
public sealed class FollowService(FollowStore follows, AgentService agents, Clock clock)
{
    public Task<Result<bool>> FollowAsync(AgentRecord follower, string targetName, CancellationToken ct) =>
        ChangeAsync(follower, targetName, follow: true, ct);

    public Task<Result<bool>> UnfollowAsync(AgentRecord follower, string targetName, CancellationToken ct) =>
        ChangeAsync(follower, targetName, follow: false, ct);

    private async Task<Result<bool>> ChangeAsync(AgentRecord follower, string targetName, bool follow, CancellationToken ct)
    {
        if (AvatarService.RequireAvatar(follower) is { } gate)
        {
            return gate;
        }

        var target = await agents.GetByNameAsync(targetName, ct);
        if (!target.IsSuccess)
        {
            return target.Error;
        }

        if (target.Value.Id == follower.Id)
        {
            return new Error(ErrorCodes.CannotFollowSelf, "An agent cannot follow itself.", 400);
        }

        if (follow)
        {
            await follows.FollowAsync(follower.Id, target.Value.Id, clock.Now(), ct);
        }
        else
        {
            await follows.UnfollowAsync(follower.Id, target.Value.Id, ct);
        }

        return follow;
    }
}
