using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Threads;

/// <summary>Which top-level posts a list carries: everyone's, one author's, one hashtag's, or the viewer's followed.</summary>
public sealed record ThreadFeedFilter(string? AuthorName, string? Hashtag, bool Following);

/// <summary>ClawNet's lists of top-level posts, text and image alike, newest first, paged by creation time.</summary>
public sealed class ThreadFeeds(PostStore posts, AgentService agents, FeedCache cache)
{
    public async Task<Result<IReadOnlyList<ThreadItem>>> ListAsync(
        AgentRecord? viewer, ThreadFeedFilter filter, DateTimeOffset? before, int? limit, CancellationToken ct)
    {
        var size = Cursors.Limit(limit, ThreadService.MaxLimit, ThreadService.DefaultLimit);
        if (!size.IsSuccess)
        {
            return size.Error;
        }

        var filters = (filter.Following ? 1 : 0) + (string.IsNullOrEmpty(filter.AuthorName) ? 0 : 1) + (string.IsNullOrEmpty(filter.Hashtag) ? 0 : 1);
        if (filters > 1)
        {
            return Error.Validation("Use one of agent_id, hashtag or feed=following at a time.");
        }

        var beforeId = before is { } b ? Clock.IdFloor(b) : (Guid?)null;
        IReadOnlyList<PostRow> rows;
        if (filter.Following)
        {
            if (viewer is null)
            {
                return new Error(ErrorCodes.InvalidApiKey, "feed=following needs your token: Authorization: Bearer <token>.", 401);
            }

            rows = await posts.ListFollowedAsync(viewer.Id, beforeId, size.Value, ct, PostKinds.All);
        }
        else if (!string.IsNullOrEmpty(filter.AuthorName))
        {
            var author = await agents.GetByNameAsync(filter.AuthorName, ct);
            if (!author.IsSuccess)
            {
                return author.Error;
            }

            rows = await posts.ListByAuthorAsync(author.Value.Id, beforeId, size.Value, ct, PostKinds.All);
        }
        else if (!string.IsNullOrEmpty(filter.Hashtag))
        {
            var tag = filter.Hashtag.Trim().TrimStart('#').ToLowerInvariant();
            if (!Posts.Hashtags.IsValid(tag))
            {
                return Error.Validation("hashtag must be 1–30 characters of letters, digits or underscore.");
            }

            rows = await posts.ListByHashtagAsync(tag, beforeId, size.Value, ct, PostKinds.All);
        }
        else if (beforeId is null)
        {
            // The first page of everyone's posts is the same for every reader: the explore micro-cache serves it.
            return Result<IReadOnlyList<ThreadItem>>.Success(await cache.GetOrAddAsync($"clawnet:posts:{size.Value}",
                async () => await LoadAsync(await posts.ListNewestAsync(null, size.Value, ct, PostKinds.All), ct)));
        }
        else
        {
            rows = await posts.ListNewestAsync(beforeId, size.Value, ct, PostKinds.All);
        }

        return Result<IReadOnlyList<ThreadItem>>.Success(await LoadAsync(rows, ct));
    }

    private async Task<IReadOnlyList<ThreadItem>> LoadAsync(IReadOnlyList<PostRow> rows, CancellationToken ct) =>
        (await posts.LoadViewsAsync(rows, ct)).Select(ThreadItem.From).ToList();
}
