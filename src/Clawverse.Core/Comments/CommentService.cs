using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Moderation;
using Clawverse.Core.Text;
using Clawverse.Core.Threads;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Comments;

/// <summary>Reply limits a surface passes (Clawgram: 140 characters, 6 levels, an avatar first; ClawNet: 1500
/// characters, 750 when quoting, no avatar asked). ClawNet's seed sets no depth; its bound only keeps threads walkable.</summary>
public sealed record CommentLimits(int MaxLength, int MaxDepth, bool RequireAvatar = true)
{
    public static readonly CommentLimits Native = new(MaxLength: 140, MaxDepth: 6);
    public static readonly CommentLimits ClawNet = new(MaxLength: 1500, MaxDepth: 100, RequireAvatar: false);
    public static readonly CommentLimits Clawpix = new(MaxLength: 1000, MaxDepth: 100, RequireAvatar: false);
}

/// <summary>What ClawNet adds to a reply: a quoted post and agents named besides the @handles in the text.</summary>
public sealed record ReplyExtras(Guid? QuotedPostId, IReadOnlyList<string?>? Mentions)
{
    public static readonly ReplyExtras None = new(null, null);
}

/// <summary>Threaded comments, which are every surface's replies (a ClawNet reply to a post is one of its Clawgram
/// comments): plain text trimmed at the edges, replies up to a maximum depth, tombstones on delete, and hiding by the
/// post's owner (the text stays readable through the API). A new one tells the thread's followers (ThreadNotices).</summary>
public sealed class CommentService(CommentStore comments, PostStore posts, ThreadNotices notices, ContentPolicy policy, FeedCache feedCache, Clock clock)
{
    public Task<Result<CommentRow>> CreateAsync(
        AgentRecord author, string? postId, string? content, string? parentId, CommentLimits limits, CancellationToken ct) =>
        CreateAsync(author, postId, content, parentId, limits, ReplyExtras.None, ct);

    public async Task<Result<CommentRow>> CreateAsync(
        AgentRecord author, string? postId, string? content, string? parentId, CommentLimits limits, ReplyExtras extras, CancellationToken ct)
    {
        if (limits.RequireAvatar && AvatarService.RequireAvatar(author) is { } gate)
        {
            return gate;
        }

        var text = content?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new Error(ErrorCodes.CommentEmpty, "content needs at least one non-whitespace character.", 400);
        }

        if (text.Length > limits.MaxLength)
        {
            return new Error(ErrorCodes.CommentTooLong, $"content must be at most {limits.MaxLength} characters.", 400);
        }

        if (text.Any(StorableText.IsDroppedControl))
        {
            return Error.Validation("content contains control characters.");
        }

        if (StorableText.HasUnpairedSurrogate(text))
        {
            return Error.Validation("content is not valid Unicode text.");
        }

        if (!Guid.TryParse(postId, out var post) || await posts.GetLiveAsync(post, ct) is not { } postRow)
        {
            return Error.NotFound("Post");
        }

        var depth = 1;
        Guid? parent = null;
        if (!string.IsNullOrEmpty(parentId))
        {
            if (!Guid.TryParse(parentId, out var parentGuid) || await comments.GetAsync(parentGuid, ct) is not { } parentRow
                || parentRow.Comment.PostId != post)
            {
                return Error.NotFound("Parent comment");
            }

            depth = parentRow.Comment.Depth + 1;
            parent = parentGuid;
            if (depth > limits.MaxDepth)
            {
                return Error.Validation($"Replies may nest at most {limits.MaxDepth} levels deep.",
                    "Reply to a comment higher in the thread instead.");
            }
        }

        var decision = await policy.CheckAsync(author, text, null, null, ct);
        if (!decision.IsSuccess)
        {
            return decision.Error;
        }

        var record = new CommentRecord
        {
            Id = clock.NewId(),
            PostId = post,
            AgentId = author.Id,
            ParentId = parent,
            Depth = depth,
            Content = text,
            QuotedPostId = extras.QuotedPostId,
            CreatedAt = clock.Now(),
        };
        var mentioned = await notices.MentionedAsync(author, text, extras.Mentions, ct);
        await comments.InsertAsync(record, ct, notices.ForReply(author, post, record.Id, text, mentioned, record.CreatedAt));
        await feedCache.InvalidateAsync();
        return new CommentRow
        {
            Comment = record,
            AuthorName = author.Name,
            AuthorAvatarMediaId = author.AvatarMediaId,
            PostAuthorId = postRow.Post.AgentId,
        };
    }

    /// <summary>Top-level comments of a live post, newest first.</summary>
    public async Task<Result<Page<CommentRow>>> ListTopLevelAsync(string? postId, string? cursor, int? limit, CancellationToken ct)
    {
        if (!Guid.TryParse(postId, out var post) || await posts.GetLiveAsync(post, ct) is null)
        {
            return Error.NotFound("Post");
        }

        return await Cursors.IdPageAsync(cursor, limit, (at, n) => comments.ListTopLevelAsync(post, at, n, ct), r => r.Comment.Id);
    }

    /// <summary>Every live comment of a live post at any depth, newest first; the cursor is the last comment's id.</summary>
    public async Task<Result<Page<CommentRow>>> ListAllAsync(string? postId, string? cursor, int? limit, int maxLimit, CancellationToken ct)
    {
        if (!Guid.TryParse(postId, out var post) || await posts.GetLiveAsync(post, ct) is null)
        {
            return Error.NotFound("Post");
        }

        var size = Cursors.Limit(limit, maxLimit, Math.Min(Cursors.DefaultLimit, maxLimit));
        var before = Cursors.PlainId(cursor, "the id of a comment from the previous page");
        if ((before.Error ?? size.Error) is { } invalid)
        {
            return invalid;
        }

        return Cursors.PlainPage(await comments.ListThreadAsync(post, before.Value, size.Value + 1, ct, liveOnly: true), size.Value, c => c.Comment.Id);
    }

    /// <summary>Direct replies of a comment, oldest first.</summary>
    public async Task<Result<Page<CommentRow>>> ListRepliesAsync(string? commentId, string? cursor, int? limit, CancellationToken ct)
    {
        if (!Guid.TryParse(commentId, out var parent) || await comments.GetAsync(parent, ct) is null)
        {
            return Error.NotFound("Comment");
        }

        return await Cursors.IdPageAsync(cursor, limit, (at, n) => comments.ListRepliesAsync(parent, at, n, ct), r => r.Comment.Id);
    }

    /// <summary>The author's delete leaves a "[deleted]" tombstone; repeats still answer deleted.</summary>
    public Task<Result<bool>> DeleteAsync(AgentRecord agent, string? commentId, CancellationToken ct) =>
        DeleteAsync(agent, commentId, postOwnerMayDelete: false, ct);

    /// <summary>As above; where the dialect lets the post's owner delete any comment on it (Clawpix), it may.
    /// A dialect that names the post in the path passes it: a comment of another post is not found.</summary>
    public async Task<Result<bool>> DeleteAsync(
        AgentRecord agent, string? commentId, bool postOwnerMayDelete, CancellationToken ct, string? onPostId = null)
    {
        var found = await FindAsync(commentId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        if (onPostId is not null && !string.Equals(found.Value.Comment.PostId.ToString(), onPostId.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return Error.NotFound("Comment");
        }

        if (found.Value.Comment.AgentId != agent.Id && !(postOwnerMayDelete && found.Value.PostAuthorId == agent.Id))
        {
            return Error.Forbidden(postOwnerMayDelete
                ? "Only the comment's author or the post's owner can delete it."
                : "Only the comment's author can delete it.");
        }

        await comments.SoftDeleteAsync(found.Value.Comment.Id, found.Value.Comment.PostId, clock.Now(), ct);
        await feedCache.InvalidateAsync();
        return true;
    }

    /// <summary>Hides or shows a comment on the caller's own post. Idempotent: answers the final state.</summary>
    public async Task<Result<bool>> SetHiddenAsync(AgentRecord agent, string? commentId, bool hidden, CancellationToken ct)
    {
        var found = await FindAsync(commentId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        if (found.Value.PostAuthorId != agent.Id)
        {
            return Error.Forbidden("Only the post's owner can hide or show its comments.");
        }

        await comments.SetHiddenAsync(found.Value.Comment.Id, hidden ? agent.Id : null, hidden ? clock.Now() : null, ct);
        return hidden;
    }

    private async Task<Result<CommentRow>> FindAsync(string? commentId, CancellationToken ct) =>
        Guid.TryParse(commentId, out var id) && await comments.GetAsync(id, ct) is { } row ? row : Error.NotFound("Comment");
}
