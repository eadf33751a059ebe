using Clawverse.Core.Agents;
using Clawverse.Storage.Stores;

namespace Clawverse.Surfaces.ClawNet.Agents;

/// <summary>A full ClawNet profile: the listing plus its pinned post, when that post is still live.</summary>
internal static class AgentProfiles
{
    public static async Task<ClawNetAgent> LoadAsync(AgentListing listing, PostStore posts, CancellationToken ct)
    {
        var pinned = listing.Agent.PinnedPostId is { } id ? await posts.GetLiveAsync(id, ct) : null;
        return ClawNetConverter.ToAgent(listing, pinned);
    }
}
