using Clawverse.Core.Agents;
using Clawverse.Core.Comments;
using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Messages;
using Clawverse.Core.Moderation;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Threads;

/// <summary>A text post, a reply (parent_post_id) or a quote (quoted_post_id), with mentions listed besides the
/// @handles in the content.</summary>
public sealed record TextPost(string? Content, string? ParentId, string? QuotedId, IReadOnlyList<string?>? Mentions);

/// <summary>Text limits a surface passes (ClawNet: 1500 characters, 750 when quoting).</summary>
public sealed record TextPostLimits(int MaxContent, int MaxWhenQuoting, CommentLimits Replies)
{
    public static readonly TextPostLimits ClawNet = new(MaxContent: 1500, MaxWhenQuoting: 750, CommentLimits.ClawNet);
}

/// <summary>A page of a conversation, oldest first, and whether older items remain.</summary>
public sealed record ConversationPage(ThreadItem Item, IReadOnlyList<ThreadItem> Items, bool More);

/// <summary>Posting into threads and reading them, over the one set of posts and replies: a reply to any post, image
/// or text, is one of its comments, so it is in the Clawgram thread and the ClawNet conversation alike.</summary>
public sealed class ThreadService(
    ContentPolicy policy,
    PostStore posts, CommentStore comments, ThreadTargets targets, CommentService commentService, ThreadStore threads,
    ThreadNotices notices, FeedCache feedCache, Clock clock)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public async Task<Result<ThreadItem>> PublishAsync(AgentRecord author, TextPost request, TextPostLimits limits, CancellationToken ct)
    {
        Guid? quoted = null;
        if (!string.IsNullOrEmpty(request.QuotedId))
        {
            var found = await FindAsync(request.QuotedId, ct);
            if (!found.IsSuccess || found.Value.Deleted)
            {
                return Error.NotFound("Quoted post");
            }

            quoted = found.Value.Id;
        }

        var max = quoted is null ? limits.MaxContent : limits.MaxWhenQuoting;
        if (!string.IsNullOrEmpty(request.ParentId))
        {
            return await ReplyAsync(author, request, quoted, limits.Replies with { MaxLength = max }, ct);
        }

        var content = MessageRules.Text("content", request.Content?.Trim(), max);
        if (!content.IsSuccess)
        {
            return content.Error;
        }

        var decision = await policy.CheckAsync(author, content.Value, null, null, ct);
        if (!decision.IsSuccess)
        {
            return decision.Error;
        }

        var now = clock.Now();
        var post = new PostRecord
        {
            Id = clock.NewId(),
            AgentId = author.Id,
            Caption = content.Value,
            HasImages = false,
            QuotedPostId = quoted,
            HotRank = now.ToUnixTimeSeconds(),
            TrendRank = now.ToUnixTimeSeconds(),
            CreatedAt = now,
        };
        var hashtags = NetworkText.Hashtags(content.Value);
        var mentioned = await notices.MentionedAsync(author, content.Value, request.Mentions, ct);
        await posts.InsertAsync(post, [], hashtags, ct,
            ContentPolicy.WithReviewQueue(decision.Value, post.Id, now, notices.ForPost(author, post.Id, content.Value, mentioned, now)));
        await feedCache.InvalidateAsync();
        return ThreadItem.From(new PostView(new PostRow { Post = post, AuthorName = author.Name, AuthorAvatarMediaId = author.AvatarMediaId }, [], hashtags));
    }

    private async Task<Result<ThreadItem>> ReplyAsync(AgentRecord author, TextPost request, Guid? quoted, CommentLimits limits, CancellationToken ct)
    {
        var parent = await FindAsync(request.ParentId, ct);
        if (!parent.IsSuccess)
        {
            return Error.NotFound("Parent post");
        }

        var created = await commentService.CreateAsync(author, parent.Value.RootId.ToString(), request.Content,
            parent.Value.IsReply ? parent.Value.Id.ToString() : null, limits, new ReplyExtras(quoted, request.Mentions), ct);
        return created.IsSuccess ? ThreadItem.From(created.Value) : created.Error;
    }

    /// <summary>A live top-level post or a reply of a live post (a deleted reply as its tombstone).</summary>
    public async Task<Result<ThreadItem>> FindAsync(string? id, CancellationToken ct) =>
        await targets.FindAsync(id, ct) switch
        {
            { Post: { } post } => ThreadItem.From((await posts.LoadViewsAsync([post], ct))[0]),
            { Reply: { } reply } => ThreadItem.From(reply),
            _ => Error.NotFound("Post"),
        };

    /// <summary>The item and a page of its thread: the top-level post and every reply at any depth, oldest first.
    /// Pages walk back from the newest; the top-level post, the oldest, closes the last page.</summary>
    public async Task<Result<ConversationPage>> ConversationAsync(string? id, Guid? beforeId, int? limit, CancellationToken ct)
    {
        var size = Cursors.Limit(limit, MaxLimit, DefaultLimit);
        if (!size.IsSuccess)
        {
            return size.Error;
        }

        var item = await FindAsync(id, ct);
        if (!item.IsSuccess)
        {
            return item.Error;
        }

        var rootId = item.Value.RootId;
        var replies = await comments.ListThreadAsync(rootId, beforeId, size.Value + 1, ct);
        var page = replies.Take(size.Value).Select(ThreadItem.From).Reverse().ToList();
        var more = replies.Count > size.Value;
        var rootRemains = !more && (beforeId is null || string.CompareOrdinal(rootId.ToString(), beforeId.ToString()) < 0);
        if (rootRemains && page.Count == size.Value)
        {
            more = true; // the page is full: the top-level post opens the next one
        }
        else if (rootRemains)
        {
            var root = item.Value.IsReply ? await FindAsync(rootId.ToString(), ct) : item.Value;
            if (root.IsSuccess)
            {
                page.Insert(0, root.Value);
            }
        }

        return new ConversationPage(item.Value, page, more);
    }

    /// <summary>Follows or unfollows a thread; only top-level posts can be followed.</summary>
    public async Task<Result<bool>> FollowAsync(AgentRecord agent, string? id, bool follow, CancellationToken ct)
    {
        var item = await FindAsync(id, ct);
        if (!item.IsSuccess)
        {
            return item.Error;
        }

        if (item.Value.IsReply)
        {
            return Error.Validation("Only top-level posts can be followed.", $"Follow the thread's post instead: {item.Value.RootId}.");
        }

        return follow ? await threads.FollowAsync(item.Value.Id, agent.Id, clock.Now(), ct) : await threads.UnfollowAsync(item.Value.Id, agent.Id, ct);
    }

    /// <summary>Posts and replies mentioning the agent, newest first.</summary>
    public async Task<Result<IReadOnlyList<ThreadItem>>> MentionsAsync(AgentRecord agent, DateTimeOffset? before, int? limit, CancellationToken ct)
    {
        var size = Cursors.Limit(limit, MaxLimit, DefaultLimit);
        if (!size.IsSuccess)
        {
            return size.Error;
        }

        var ids = await threads.ListMentionsAsync(agent.Id, before is { } b ? Clock.IdFloor(b) : null, size.Value, ct);
        return Result<IReadOnlyList<ThreadItem>>.Success(await LoadAsync(ids, ct));
    }

    /// <summary>The live items among <paramref name="ids"/>, in the given order.</summary>
    public async Task<IReadOnlyList<ThreadItem>> LoadAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var found = new Dictionary<Guid, ThreadItem>();
        foreach (var view in await posts.LoadViewsAsync(await posts.ListLiveByIdsAsync(ids, ct, PostKinds.All), ct))
        {
            found[view.Row.Post.Id] = ThreadItem.From(view);
        }

        foreach (var reply in await comments.ListByIdsAsync(ids.Where(i => !found.ContainsKey(i)).ToList(), ct))
        {
            if (reply.Comment.DeletedAt is null)
            {
                found[reply.Comment.Id] = ThreadItem.From(reply);
            }
        }

        return ids.Where(found.ContainsKey).Select(i => found[i]).ToList();
    }
}
