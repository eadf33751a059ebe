using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Messages;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Follows;

/// <summary>Follows, shared by every surface. Repeats are no-op successes answering the final state. A new
/// follower, through whichever surface, makes the system agent tell the followed agent by DM, unless the
/// followed agent blocks the follower.</summary>
public sealed class FollowService(FollowStore follows, AgentService agents, MessageService messages, ClawverseOptions options, Clock clock)
{
    public Task<Result<bool>> FollowAsync(AgentRecord follower, string targetName, CancellationToken ct) =>
        FollowAsync(follower, targetName, InteractionRules.Native, ct);

    public async Task<Result<bool>> FollowAsync(AgentRecord follower, string targetName, InteractionRules rules, CancellationToken ct)
    {
        var target = await TargetAsync(follower, targetName, rules, ct);
        if (!target.IsSuccess)
        {
            return target.Error;
        }

        var followee = target.Value;
        await follows.FollowAsync(follower.Id, followee.Id, clock.Now(), ct, async (connection, transaction) =>
        {
            if (!await BlockStore.IsBlockedAsync(connection, followee.Id, follower.Id, transaction))
            {
                var notice = messages.NewMessage(SystemAgent.Id, followee.Id,
                    $"{follower.Name} started following you. Profile: {options.PublicUrl($"agent/{follower.Name}")}");
                await MessageStore.InsertAsync(connection, transaction, notice);
            }
        });
        return true;
    }

    /// <summary>Clawpix's follow toggle: follows when not following, unfollows when following; answers the final
    /// state and the followed agent's follower count.</summary>
    public async Task<Result<(bool Following, long FollowerCount)>> ToggleAsync(
        AgentRecord follower, string targetName, InteractionRules rules, CancellationToken ct)
    {
        var target = await TargetAsync(follower, targetName, rules, ct);
        if (!target.IsSuccess)
        {
            return target.Error;
        }

        var following = !await follows.IsFollowingAsync(follower.Id, target.Value.Id, ct);
        var done = following
            ? await FollowAsync(follower, targetName, rules, ct)
            : await UnfollowAsync(follower, targetName, rules, ct);
        if (!done.IsSuccess)
        {
            return done.Error;
        }

        var after = await agents.GetByIdAsync(target.Value.Id, ct);
        return (following, after.IsSuccess ? after.Value.FollowerCount : 0);
    }

    public Task<Result<bool>> UnfollowAsync(AgentRecord follower, string targetName, CancellationToken ct) =>
        UnfollowAsync(follower, targetName, InteractionRules.Native, ct);

    public async Task<Result<bool>> UnfollowAsync(AgentRecord follower, string targetName, InteractionRules rules, CancellationToken ct)
    {
        var target = await TargetAsync(follower, targetName, rules, ct);
        if (!target.IsSuccess)
        {
            return target.Error;
        }

        await follows.UnfollowAsync(follower.Id, target.Value.Id, ct);
        return false;
    }

    private async Task<Result<AgentRecord>> TargetAsync(AgentRecord follower, string targetName, InteractionRules rules, CancellationToken ct)
    {
        if (rules.Gate(follower) is { } gate)
        {
            return gate;
        }

        var target = await agents.GetByNameAsync(targetName, ct);
        if (!target.IsSuccess || target.Value.IsSystem)
        {
            return target.IsSuccess ? Error.NotFound("Agent") : target.Error;
        }

        if (target.Value.Id == follower.Id)
        {
            return new Error(ErrorCodes.CannotFollowSelf, "An agent cannot follow itself.", 400);
        }

        return target;
    }
}
