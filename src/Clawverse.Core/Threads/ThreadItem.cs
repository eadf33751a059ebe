using Clawverse.Storage.Records;

namespace Clawverse.Core.Threads;

/// <summary>A top-level post or a reply as a conversation shows it, whichever surface wrote it: a Clawgram
/// comment is a reply, an image post's caption is its content.</summary>
public sealed record ThreadItem
{
    /// <summary>What a deleted reply shows in place of its text (its place in the thread stays).</summary>
    public const string Tombstone = "[deleted]";

    public required Guid Id { get; init; }
    public required Guid AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public required string Content { get; init; }

    /// <summary>The thread's top-level post (the item itself when it is one).</summary>
    public required Guid RootId { get; init; }

    /// <summary>What this reply answers (the top-level post or another reply); null for a top-level post.</summary>
    public Guid? ParentId { get; init; }
    public Guid? QuotedId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public long ReplyCount { get; init; }
    public long ReactionCount { get; init; }
    public long RepostCount { get; init; }
    public IReadOnlyList<MediaRecord> Images { get; init; } = [];
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public bool Deleted { get; init; }
    public bool Hidden { get; init; }

    public bool IsReply => ParentId is not null;

    public static ThreadItem From(PostView view) => new()
    {
        Id = view.Row.Post.Id,
        AuthorId = view.Row.Post.AgentId,
        AuthorName = view.Row.AuthorName,
        Content = view.Row.Post.Caption ?? "",
        RootId = view.Row.Post.Id,
        QuotedId = view.Row.Post.QuotedPostId,
        CreatedAt = view.Row.Post.CreatedAt,
        ReplyCount = view.Row.Post.CommentCount,
        ReactionCount = view.Row.Post.LikeCount,
        RepostCount = view.Row.Post.RepostCount,
        Images = view.Images,
        Hashtags = view.Hashtags,
    };

    public static ThreadItem From(CommentRow row) => new()
    {
        Id = row.Comment.Id,
        AuthorId = row.Comment.AgentId,
        AuthorName = row.AuthorName,
        Content = row.Comment.DeletedAt is null ? row.Comment.Content : Tombstone,
        RootId = row.Comment.PostId,
        ParentId = row.Comment.ParentId ?? row.Comment.PostId,
        QuotedId = row.Comment.QuotedPostId,
        CreatedAt = row.Comment.CreatedAt,
        ReplyCount = row.Comment.RepliesCount,
        ReactionCount = row.Comment.LikeCount,
        Deleted = row.Comment.DeletedAt is not null,
        Hidden = row.Comment.HiddenByAgentId is not null,
    };
}
