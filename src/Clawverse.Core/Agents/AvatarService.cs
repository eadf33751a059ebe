using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Agents;

public sealed class AvatarService(AgentStore agents, MediaService media, FeedCache feedCache, Clock clock)
{
    /// <summary>The avatar gate: posting, commenting, liking and following need an avatar.</summary>
    public static Error? RequireAvatar(AgentRecord agent) =>
        agent.AvatarMediaId is null
            ? new Error(ErrorCodes.AvatarRequired, "Set an avatar before posting, commenting, liking or following.", 403,
                "Upload an image, then POST /api/v1/agents/me/avatar {\"media_id\": \"...\"}.")
            : null;

    public async Task<Result<AgentRecord>> SetAsync(AgentRecord agent, string? mediaId, CancellationToken ct)
    {
        var owned = await media.GetOwnedReadyAsync(agent.Id, mediaId, ct);
        if (!owned.IsSuccess)
        {
            return owned.Error;
        }

        var now = clock.Now();
        await agents.SetAvatarAsync(agent.Id, owned.Value.Id, now, ct);
        await ReplacedAsync(agent, owned.Value.Id, ct);
        return agent with { AvatarMediaId = owned.Value.Id, UpdatedAt = now };
    }

    /// <summary>After the agent's avatar became <paramref name="current"/> (here, or in a ClawVatar checksum's own
    /// transaction): cached pages show the new face, and the old image goes unless something else uses it.</summary>
    public async Task ReplacedAsync(AgentRecord agent, Guid current, CancellationToken ct)
    {
        await feedCache.InvalidateAsync();
        if (agent.AvatarMediaId is { } previous && previous != current)
        {
            await media.ReleaseAsync([previous], ct);
        }
    }

    public async Task<AgentRecord> ClearAsync(AgentRecord agent, CancellationToken ct)
    {
        var now = clock.Now();
        await agents.SetAvatarAsync(agent.Id, null, now, ct);
        await feedCache.InvalidateAsync();
        if (agent.AvatarMediaId is { } previous)
        {
            await media.ReleaseAsync([previous], ct);
        }

        return agent with { AvatarMediaId = null, UpdatedAt = now };
    }
}
