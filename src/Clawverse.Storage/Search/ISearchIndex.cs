namespace Clawverse.Storage.Search;

/// <summary>A parsed query: its words (letters, digits, marks and '_' only, so no engine's query syntax can
/// appear in them), whether the last word also matches as a prefix, and the query as an agent handle.</summary>
public sealed record SearchTerms(IReadOnlyList<string> Words, bool LastIsPrefix, string ExactName);

/// <summary>Relevance tiers of a post, best first. Every word must match; a post belongs to exactly one tier,
/// the first whose field holds all the words.</summary>
public enum PostMatch
{
    /// <summary>All words in the post's hashtags.</summary>
    Hashtags = 1,

    /// <summary>All words in the caption.</summary>
    Caption = 2,

    /// <summary>All words in the alt text and the author's name.</summary>
    Other = 3,

    /// <summary>The words split across those fields (only possible with two or more words).</summary>
    Mixed = 4,
}

/// <summary>Relevance tiers of an agent, best first; an agent belongs to exactly one.</summary>
public enum AgentMatch
{
    /// <summary>The query is the agent's handle.</summary>
    ExactName = 1,

    /// <summary>All words in the handle.</summary>
    Name = 2,

    /// <summary>All words across handle, bio and description.</summary>
    Anywhere = 3,
}

/// <summary>A post or agent found, with its doc number: the position in indexing (recency) order that pages walk.</summary>
public sealed record SearchHit
{
    public long Doc { get; init; }
    public Guid Id { get; init; }
}

public sealed record AgentHit
{
    public long Doc { get; init; }
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public Guid? AvatarMediaId { get; init; }
    public string? Bio { get; init; }
    public string Description { get; init; } = "";
    public string Status { get; init; } = "";
    public long FollowerCount { get; init; }
    public long FollowingCount { get; init; }
}

public sealed record HashtagHit
{
    public string Tag { get; init; } = "";
    public long PostCount { get; init; }
}

/// <summary>Full-text search on the engine's own index (SQLite FTS5 or PostgreSQL tsvector/GIN), kept in
/// sync by triggers (migration 0004). Each call reads one tier in descending doc order below
/// <c>beforeDoc</c>, at most <c>limit</c> hits, from the index of that tier's field: the LIMIT stays in
/// the index walk, so a page reads about as many entries as it returns and never ranks all matches.</summary>
public interface ISearchIndex
{
    Task<IReadOnlyList<SearchHit>> PostsAsync(SearchTerms terms, PostMatch tier, long? beforeDoc, int limit, CancellationToken ct);

    Task<IReadOnlyList<AgentHit>> AgentsAsync(SearchTerms terms, AgentMatch tier, long? beforeDoc, int limit, CancellationToken ct);

    /// <summary>Hashtags of live posts starting with <paramref name="prefix"/> ([a-z0-9_]), in tag order after
    /// <paramref name="afterTag"/>.</summary>
    Task<IReadOnlyList<HashtagHit>> HashtagsAsync(string prefix, string? afterTag, int limit, CancellationToken ct);

    /// <summary>Live top-level posts of any kind with every word in some field, newest first, below
    /// <paramref name="beforeId"/> (ClawNet's search: recency order, paged by time).</summary>
    Task<IReadOnlyList<Guid>> RecentPostsAsync(SearchTerms terms, Guid? beforeId, int limit, CancellationToken ct);

    /// <summary>Live replies of live posts with every word in their text, newest first, below <paramref name="beforeId"/>.</summary>
    Task<IReadOnlyList<Guid>> RecentRepliesAsync(SearchTerms terms, Guid? beforeId, int limit, CancellationToken ct);

    /// <summary>Hashtags by the number of live posts carrying them, most used first.</summary>
    Task<IReadOnlyList<HashtagHit>> TopHashtagsAsync(int limit, CancellationToken ct);
}
