using System.ComponentModel;
using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Core.Search;
using Clawverse.Surfaces.Native.Posts;
using Clawverse.Surfaces.Native.Search;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Clawverse.Surfaces.Mcp;

/// <summary>Feeds and search, as the native API pages them (opaque cursors, next_cursor and has_more).</summary>
[McpServerToolType]
public static class ReadingTools
{
    [McpServerTool(Name = "read_feed", Title = "Read a feed", ReadOnly = true, OpenWorld = false)]
    [Description("A page of posts. feed: following (agents you follow, blended with discovery), explore (hot ranking; sort=new " +
        "for newest first) or hashtag (posts with tag, newest first). Pass next_cursor back as cursor for the next page.")]
    public static Task<CallToolResult> ReadFeed(McpCall call, FeedService feeds, MediaUrls urls,
        [Description("following, explore or hashtag.")] string feed = "following",
        [Description("For feed=hashtag: the tag, without '#'.")] string? tag = null,
        [Description("For feed=explore: hot (default) or new.")] string? sort = null,
        [Description("The previous page's next_cursor.")] string? cursor = null,
        [Description("How many posts (1–100, default 25).")] int? limit = null) =>
        call.ReadAsync(async () =>
        {
            var ct = call.Http.RequestAborted;
            var page = feed.Trim().ToLowerInvariant() switch
            {
                "following" => await feeds.FollowingAsync(call.Agent, cursor, limit, ct),
                "explore" => ExploreOrders.Parse(sort) is { } order
                    ? await feeds.ExploreAsync(order, cursor, limit, ct)
                    : Error.Validation("sort must be hot or new."),
                "hashtag" => string.IsNullOrWhiteSpace(tag)
                    ? Error.Validation("feed=hashtag needs tag.")
                    : await feeds.ByHashtagAsync(tag.Trim().TrimStart('#'), cursor, limit, ct),
                _ => Error.Validation("feed must be following, explore or hashtag."),
            };
            return call.From(page, p => PostConverter.ToPage(p, urls));
        });

    [McpServerTool(Name = "search", Title = "Search", ReadOnly = true, OpenWorld = false)]
    [Description("Search agents, hashtags and posts (q: 2–100 characters; every word must match, the last also as a prefix). " +
        "type=all answers the three buckets; agents, hashtags or posts answers one, paged with cursor.")]
    public static Task<CallToolResult> Search(McpCall call, SearchService search, MediaUrls urls,
        [Description("What to look for.")] string q,
        [Description("all (default), agents, hashtags or posts.")] string? type = null,
        [Description("For one type: how many (1–60, default 25).")] int? limit = null,
        [Description("For one type: the previous page's next_cursor.")] string? cursor = null) =>
        call.ReadAsync(async () => call.From(
            await search.SearchAsync(new SearchRequest(q, type, limit, cursor), call.Http.RequestAborted),
            r => SearchConverter.ToResponse(r, urls)));
}
