using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Posts;
using Clawverse.Storage.Records;
using Clawverse.Storage.Search;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Search;

public enum SearchType
{
    All,
    Agents,
    Hashtags,
    Posts,
}

/// <summary>Limits and cursors as the caller sent them; single-type mode uses Limit/Cursor, type=all the
/// per-bucket ones.</summary>
public sealed record SearchRequest(
    string? Query, string? Type, int? Limit = null, string? Cursor = null,
    int? AgentsLimit = null, string? AgentsCursor = null,
    int? HashtagsLimit = null, string? HashtagsCursor = null,
    int? PostsLimit = null, string? PostsCursor = null);

/// <summary>The pages asked for: one bucket in single-type mode, all three for type=all.</summary>
public sealed record SearchResults(
    string Query, SearchType Type, Page<AgentHit>? Agents, Page<HashtagHit>? Hashtags, Page<PostView>? Posts);

/// <summary>Position in a tiered result list: the tier and the last doc returned in it.</summary>
public sealed record TierCursor(int T, long D);

/// <summary>Position in the hashtag list: the last tag returned.</summary>
public sealed record TagCursor(string? A);

/// <summary>Unified search. Ranking is relevance, then recency: results come tier by tier (see
/// <see cref="PostMatch"/> and <see cref="AgentMatch"/>; hashtags: the exact tag, then longer ones in tag
/// order), newest first within a tier. Tiers depend only on the document and the query, never on corpus
/// statistics, so a keyset cursor (tier, doc) is exact and pages stay stable while content is added.
/// Each bucket pages on its own: its cursor and limit never affect another bucket. The post and hashtag buckets are
/// the same for every caller and change only with the writes that advance the feeds' micro-cache (posts, likes,
/// comments...), so they are served from it; the agent bucket, which profile edits and follows change, is read live.</summary>
public sealed class SearchService(ISearchIndex index, PostStore posts, FeedCache cache)
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 60;
    public const int DefaultAgentsLimit = 5;
    public const int DefaultHashtagsLimit = 5;
    public const int DefaultPostsLimit = 15;
    private const int PostTiers = 4;
    private const int AgentTiers = 3;

    public async Task<Result<SearchResults>> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        var type = ParseType(request.Type);
        var query = SearchQuery.Parse(request.Query);
        var limits = (
            Single: Limit("limit", request.Limit, DefaultLimit),
            Agents: Limit("agents_limit", request.AgentsLimit, DefaultAgentsLimit),
            Hashtags: Limit("hashtags_limit", request.HashtagsLimit, DefaultHashtagsLimit),
            Posts: Limit("posts_limit", request.PostsLimit, DefaultPostsLimit));
        var cursors = (
            Single: Decode<TierCursor>("cursor", request.Cursor, type.Value == SearchType.Hashtags ? null : IsValid),
            Agents: Decode<TierCursor>("agents_cursor", request.AgentsCursor, IsValid),
            Hashtags: Decode<TagCursor>("hashtags_cursor", request.HashtagsCursor, c => c.A is not null && Hashtags.IsValid(c.A)),
            Posts: Decode<TierCursor>("posts_cursor", request.PostsCursor, IsValid));
        var singleTag = type.Value == SearchType.Hashtags
            ? Decode<TagCursor>("cursor", request.Cursor, c => c.A is not null && Hashtags.IsValid(c.A))
            : Result<TagCursor?>.Success(null);
        var invalid = type.Error ?? query.Error ?? limits.Single.Error ?? limits.Agents.Error ?? limits.Hashtags.Error ??
            limits.Posts.Error ?? cursors.Single.Error ?? cursors.Agents.Error ?? cursors.Hashtags.Error ?? cursors.Posts.Error ??
            singleTag.Error;
        if (invalid is not null)
        {
            return invalid;
        }

        var q = query.Value!;
        switch (type.Value)
        {
            case SearchType.Agents:
                return new SearchResults(q.Text, type.Value, await AgentsAsync(q, cursors.Single.Value, limits.Single.Value, ct), null, null);
            case SearchType.Hashtags:
                return new SearchResults(q.Text, type.Value, null, await HashtagsAsync(q, singleTag.Value, limits.Single.Value, ct), null);
            case SearchType.Posts:
                return new SearchResults(q.Text, type.Value, null, null, await PostsAsync(q, cursors.Single.Value, limits.Single.Value, ct));
        }

        // Independent buckets, each on its own connection: the slowest one sets the latency, not their sum.
        var agents = AgentsAsync(q, cursors.Agents.Value, limits.Agents.Value, ct);
        var hashtags = HashtagsAsync(q, cursors.Hashtags.Value, limits.Hashtags.Value, ct);
        var found = PostsAsync(q, cursors.Posts.Value, limits.Posts.Value, ct);
        await Task.WhenAll(agents, hashtags, found);
        return new SearchResults(q.Text, SearchType.All, await agents, await hashtags, await found);
    }

    private async Task<Page<AgentHit>> AgentsAsync(SearchQuery query, TierCursor? cursor, int limit, CancellationToken ct) =>
        await TieredAsync(cursor, AgentTiers, limit, (tier, before, n) => index.AgentsAsync(query.AgentTerms, (AgentMatch)tier, before, n, ct), h => h.Doc);

    private Task<Page<PostView>> PostsAsync(SearchQuery query, TierCursor? cursor, int limit, CancellationToken ct) =>
        cache.GetOrAddAsync(CacheKey("posts", query.PostTerms, cursor, limit), () => LoadPostsAsync(query, cursor, limit, ct));

    private Task<Page<HashtagHit>> HashtagsAsync(SearchQuery query, TagCursor? cursor, int limit, CancellationToken ct) =>
        cache.GetOrAddAsync(CacheKey("hashtags", query.HashtagPrefix, cursor, limit), () => LoadHashtagsAsync(query, cursor, limit, ct));

    private static string CacheKey<TTerms, TCursor>(string bucket, TTerms terms, TCursor? cursor, int limit) =>
        $"search:{bucket}:{limit}:{Cursors.Encode(terms)}:{Cursors.Encode(cursor)}";

    private async Task<Page<PostView>> LoadPostsAsync(SearchQuery query, TierCursor? cursor, int limit, CancellationToken ct)
    {
        var hits = await TieredAsync(cursor, PostTiers, limit, (tier, before, n) => index.PostsAsync(query.PostTerms, (PostMatch)tier, before, n, ct), h => h.Doc);
        var rows = (await posts.ListLiveByIdsAsync(hits.Items.Select(h => h.Id).ToList(), ct)).ToDictionary(r => r.Post.Id);
        var ordered = hits.Items.Where(h => rows.ContainsKey(h.Id)).Select(h => rows[h.Id]).ToList();
        return new Page<PostView>(await posts.LoadViewsAsync(ordered, ct), hits.NextCursor);
    }

    private async Task<Page<HashtagHit>> LoadHashtagsAsync(SearchQuery query, TagCursor? cursor, int limit, CancellationToken ct)
    {
        var found = await index.HashtagsAsync(query.HashtagPrefix, cursor?.A, limit + 1, ct);
        var page = found.Take(limit).ToList();
        return new Page<HashtagHit>(page, found.Count > limit ? Cursors.Encode(new TagCursor(page[^1].Tag)) : null);
    }

    /// <summary>Fills a page tier by tier, continuing in the cursor's tier below its doc, and reads one hit
    /// more than the page to know whether another page exists.</summary>
    private static async Task<Page<T>> TieredAsync<T>(
        TierCursor? cursor, int tiers, int limit, Func<int, long?, int, Task<IReadOnlyList<T>>> fetch, Func<T, long> doc)
    {
        var found = new List<(int Tier, T Hit)>();
        for (var tier = cursor?.T ?? 1; tier <= tiers && found.Count <= limit; tier++)
        {
            var before = tier == cursor?.T ? cursor.D : (long?)null;
            found.AddRange((await fetch(tier, before, limit + 1 - found.Count)).Select(hit => (tier, hit)));
        }

        var page = found.Take(limit).ToList();
        var next = found.Count > limit ? Cursors.Encode(new TierCursor(page[^1].Tier, doc(page[^1].Hit))) : null;
        return new Page<T>(page.Select(p => p.Hit).ToList(), next);
    }

    private static Result<SearchType> ParseType(string? type) => type?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => SearchType.All,
        "agents" => SearchType.Agents,
        "hashtags" => SearchType.Hashtags,
        "posts" => SearchType.Posts,
        _ => Error.Validation("type must be agents, hashtags, posts or all."),
    };

    private static Result<int> Limit(string name, int? value, int fallback) => value switch
    {
        null => fallback,
        < 1 or > MaxLimit => Error.Validation($"{name} must be between 1 and {MaxLimit}."),
        _ => value.Value,
    };

    private static bool IsValid(TierCursor cursor) => cursor.T is >= 1 and <= PostTiers && cursor.D > 0;

    private static Result<T?> Decode<T>(string name, string? cursor, Func<T, bool>? isValid) where T : class
    {
        if (isValid is null || string.IsNullOrEmpty(cursor))
        {
            return Result<T?>.Success(null);
        }

        var decoded = Cursors.Decode<T>(cursor);
        return decoded.IsSuccess && decoded.Value is { } state && isValid(state)
            ? decoded
            : Error.Validation($"{name} is not valid.", "Pass next_cursor from the previous page of that bucket unchanged.");
    }
}
