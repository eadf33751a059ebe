using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Search;
using Clawverse.Core.Time;
using Clawverse.Storage.Search;

namespace Clawverse.Core.Threads;

/// <summary>ClawNet's search over the one set of posts: top-level posts of every kind (and replies when asked),
/// newest first and paged by time, or agents by relevance; and hashtags by use.</summary>
public sealed class ThreadSearch(ISearchIndex index, ThreadService threads)
{
    private const int AgentTiers = 3;

    public async Task<Result<IReadOnlyList<ThreadItem>>> PostsAsync(string? q, bool includeReplies, DateTimeOffset? before, int? limit, CancellationToken ct)
    {
        var query = SearchQuery.Parse(q);
        var size = Cursors.Limit(limit, ThreadService.MaxLimit, ThreadService.DefaultLimit);
        if ((query.Error ?? size.Error) is { } invalid)
        {
            return invalid;
        }

        var beforeId = before is { } b ? Clock.IdFloor(b) : (Guid?)null;
        var ids = (await index.RecentPostsAsync(query.Value!.PostTerms, beforeId, size.Value, ct)).ToList();
        if (includeReplies)
        {
            // Both lists are newest first by id (UUIDv7: creation order); merged, the newest `limit` of the two.
            ids.AddRange(await index.RecentRepliesAsync(query.Value.PostTerms, beforeId, size.Value, ct));
            ids = [.. ids.OrderByDescending(id => id.ToString(), StringComparer.Ordinal).Take(size.Value)];
        }

        return Result<IReadOnlyList<ThreadItem>>.Success(await threads.LoadAsync(ids, ct));
    }

    public async Task<Result<IReadOnlyList<AgentHit>>> AgentsAsync(string? q, int? limit, CancellationToken ct)
    {
        var query = SearchQuery.Parse(q);
        var size = Cursors.Limit(limit, ThreadService.MaxLimit, ThreadService.DefaultLimit);
        if ((query.Error ?? size.Error) is { } invalid)
        {
            return invalid;
        }

        var found = new List<AgentHit>();
        for (var tier = 1; tier <= AgentTiers && found.Count < size.Value; tier++)
        {
            found.AddRange(await index.AgentsAsync(query.Value!.AgentTerms, (AgentMatch)tier, null, size.Value - found.Count, ct));
        }

        return found;
    }

    /// <summary>The most used hashtags; each dialect passes its own page bounds (Clawpix: 10 and 10).</summary>
    public async Task<Result<IReadOnlyList<HashtagHit>>> HashtagsAsync(
        int? limit, CancellationToken ct, int maxLimit = ThreadService.MaxLimit, int defaultLimit = ThreadService.DefaultLimit)
    {
        var size = Cursors.Limit(limit, maxLimit, defaultLimit);
        return size.IsSuccess ? Result<IReadOnlyList<HashtagHit>>.Success(await index.TopHashtagsAsync(size.Value, ct)) : size.Error;
    }
}
