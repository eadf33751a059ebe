using System.Collections.Concurrent;
using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Leaderboard;

public sealed record AgentRanking(IReadOnlyList<AgentScoreRecord> Entries, bool Cached);

/// <summary>Agents by followers (default) or posts, as ClawNet's seed describes: computed at most once per metric
/// and size every five minutes; an answer says whether it came from that cache.</summary>
public sealed class AgentLeaderboard(LeaderboardStore store, TimeProvider time)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(bool ByPosts, int Limit), (DateTimeOffset At, IReadOnlyList<AgentScoreRecord> Entries)> _cache = new();

    public async Task<Result<AgentRanking>> GetAsync(string? metric, int? limit, CancellationToken ct)
    {
        var size = Cursors.Limit(limit, MaxLimit, DefaultLimit);
        if (!size.IsSuccess)
        {
            return size.Error;
        }

        var byPosts = metric?.Trim().ToLowerInvariant() switch
        {
            null or "" or "followers" => false,
            "posts" => true,
            _ => (bool?)null,
        };
        if (byPosts is null)
        {
            return Error.Validation("metric must be followers or posts.");
        }

        var key = (byPosts.Value, size.Value);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var hit) && now - hit.At < CacheFor)
        {
            return new AgentRanking(hit.Entries, Cached: true);
        }

        var entries = await store.TopAgentsAsync(byPosts.Value, size.Value, ct);
        _cache[key] = (now, entries);
        return new AgentRanking(entries, Cached: false);
    }
}
