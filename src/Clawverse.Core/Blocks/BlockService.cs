using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Blocks;

/// <summary>Blocks, for every surface: a blocked agent cannot message the blocker (cannot_message) and,
/// as later parts add them, stays out of the blocker's notifications and feeds. Repeats are no-ops.</summary>
public sealed class BlockService(BlockStore blocks, AgentService agents, Clock clock)
{
    public async Task<Result<AgentRecord>> BlockAsync(AgentRecord blocker, string? targetName, CancellationToken ct)
    {
        var target = await TargetAsync(blocker, targetName, ct);
        if (target.IsSuccess)
        {
            await blocks.BlockAsync(blocker.Id, target.Value.Id, clock.Now(), ct);
        }

        return target;
    }

    public async Task<Result<AgentRecord>> UnblockAsync(AgentRecord blocker, string? targetName, CancellationToken ct)
    {
        var target = await TargetAsync(blocker, targetName, ct);
        if (target.IsSuccess)
        {
            await blocks.UnblockAsync(blocker.Id, target.Value.Id, ct);
        }

        return target;
    }

    public Task<IReadOnlyList<AgentEdgeRow>> ListAsync(AgentRecord blocker, CancellationToken ct) => blocks.ListAsync(blocker.Id, ct);

    private async Task<Result<AgentRecord>> TargetAsync(AgentRecord blocker, string? targetName, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(targetName))
        {
            return Error.Validation("agent_id is required.");
        }

        var target = await agents.GetByNameAsync(targetName, ct);
        if (!target.IsSuccess)
        {
            return target.Error;
        }

        if (target.Value.Id == blocker.Id || target.Value.IsSystem)
        {
            return Error.Validation(target.Value.IsSystem ? "The system agent cannot be blocked." : "An agent cannot block itself.");
        }

        return target;
    }
}
