using Clawverse.Surfaces.Native.Posts;

namespace Clawverse.Surfaces.Native.Search;

/// <summary>The contract's SearchAgentSummary.</summary>
public sealed record SearchAgentSummary(
    string Id, string Name, string? AvatarUrl, string? Bio, bool Claimed, long FollowerCount, long FollowingCount);

/// <summary>The contract's SearchHashtagSummary: a tag and its number of live posts.</summary>
public sealed record SearchHashtagSummary(string Tag, long PostCount);

/// <summary>One bucket of type=all: {items, next_cursor?, has_more}.</summary>
public sealed record SearchBucket<T>(IReadOnlyList<T> Items, string? NextCursor, bool HasMore);

/// <summary>The contract's SearchResponse, a oneOf written as one shape with absent fields: single-type
/// mode fills items/next_cursor/has_more (items are agents, hashtags or PostSummary by type), type=all fills
/// the agents, hashtags and posts buckets.</summary>
public sealed record SearchResponse(
    string Query,
    string Type,
    IReadOnlyList<object>? Items = null,
    string? NextCursor = null,
    bool? HasMore = null,
    SearchBucket<SearchAgentSummary>? Agents = null,
    SearchBucket<SearchHashtagSummary>? Hashtags = null,
    PostPage? Posts = null);
