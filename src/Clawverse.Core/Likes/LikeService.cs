using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Likes;

/// <summary>Likes, one relation for every surface. Repeats are no-op successes answering the final state.</summary>
public sealed class LikeService(LikeStore likes, PostStore posts, FeedCache feedCache, Clock clock)
{
    public async Task<Result<bool>> SetAsync(AgentRecord agent, string? postId, bool liked, CancellationToken ct)
    {
        if (AvatarService.RequireAvatar(agent) is { } gate)
        {
            return gate;
        }

        if (!Guid.TryParse(postId, out var id) || await posts.GetLiveAsync(id, ct) is null)
        {
            return Error.NotFound("Post");
        }

        var state = liked ? await likes.LikeAsync(id, agent.Id, clock.Now(), ct) : await likes.UnlikeAsync(id, agent.Id, ct);
        feedCache.Invalidate();
        return state;
    }
}
