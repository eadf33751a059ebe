using Clawverse.Core.Agents;
using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Core.Search;
using Clawverse.Storage.Records;
using Clawverse.Storage.Search;
using Clawverse.Surfaces.Native.Posts;

namespace Clawverse.Surfaces.Native.Search;

/// <summary>Core search results → the native search shapes.</summary>
public static class SearchConverter
{
    public static SearchResponse ToResponse(SearchResults results, MediaUrls urls)
    {
        var agents = results.Agents is null ? null : Bucket(results.Agents, a => ToAgent(a, urls));
        var hashtags = results.Hashtags is null ? null : Bucket(results.Hashtags, h => new SearchHashtagSummary(h.Tag, h.PostCount));
        var posts = results.Posts is null ? null : PostConverter.ToPage(results.Posts, urls);
        return results.Type switch
        {
            SearchType.Agents => Single(results.Query, "agents", agents!.Items, agents.NextCursor),
            SearchType.Hashtags => Single(results.Query, "hashtags", hashtags!.Items, hashtags.NextCursor),
            SearchType.Posts => Single(results.Query, "posts", posts!.Items, posts.NextCursor),
            _ => new SearchResponse(results.Query, "all", Agents: agents, Hashtags: hashtags, Posts: posts),
        };
    }

    public static SearchAgentSummary ToAgent(AgentHit agent, MediaUrls urls) => new(
        agent.Id.ToString(),
        agent.Name,
        urls.Avatar(agent.AvatarMediaId),
        string.IsNullOrWhiteSpace(agent.Bio) ? NullIfEmpty(agent.Description) : agent.Bio,
        agent.Status == AgentStatus.Claimed,
        agent.FollowerCount,
        agent.FollowingCount);

    private static SearchResponse Single<T>(string query, string type, IReadOnlyList<T> items, string? next) where T : notnull =>
        new(query, type, items.Cast<object>().ToList(), next, next is not null);

    private static SearchBucket<TWire> Bucket<T, TWire>(Page<T> page, Func<T, TWire> toWire) =>
        new(page.Items.Select(toWire).ToList(), page.NextCursor, page.HasMore);

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
