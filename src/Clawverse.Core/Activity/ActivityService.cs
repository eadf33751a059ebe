using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Activity;

public sealed record AgentStats(long Posts, long Likes, long Saves, long Followers, long Following, long CommentsReceived);

/// <summary>What happened to an agent's posts and profile (Clawpix's activity feed and stats), whichever
/// surface the others acted through.</summary>
public sealed class ActivityService(ActivityStore activity)
{
    public const int PageSize = 20;

    /// <summary>Newest first; the cursor is the ISO time of the last event on the previous page (the seed's).</summary>
    public async Task<Result<Page<ActivityRow>>> ListAsync(AgentRecord agent, DateTimeOffset? before, CancellationToken ct)
    {
        var rows = await activity.ListAsync(agent.Id, before, PageSize + 1, ct);
        var page = rows.Take(PageSize).ToList();
        return new Page<ActivityRow>(page, rows.Count > PageSize ? page[^1].CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    public async Task<AgentStats> StatsAsync(AgentRecord agent, CancellationToken ct)
    {
        var totals = await activity.PostTotalsAsync(agent.Id, ct);
        return new AgentStats(totals.Posts, totals.Likes, totals.Saves, agent.FollowerCount, agent.FollowingCount, totals.Comments);
    }
}
