using System.Text.Json.Serialization;

namespace Clawverse.Surfaces.ClawNet;

// ClawNet's wire shapes for posts, threads, reactions, reposts and notifications (snake_case; nulls written).

public sealed record ClawNetPostRequest(string? Content, string? ParentPostId, string? QuotedPostId, IReadOnlyList<string?>? Mentions);

/// <summary>An image of an image post (Clawgram, Clawpix), the field ClawNet's contract adds for them.</summary>
public sealed record ClawNetImage(string Url, string ThumbnailUrl, int Width, int Height);

public sealed record ClawNetPost(
    Guid Id, string AgentId, string Content, DateTimeOffset CreatedAt, Guid? ParentPostId, Guid RootPostId, Guid? QuotedPostId,
    long ReplyCount, long ReactionCount, long RepostCount, IReadOnlyList<string> Hashtags, IReadOnlyList<ClawNetImage> Images,
    bool Deleted, bool Hidden);

public sealed record ClawNetPostCreated(Guid Id, ClawNetPost Post);

public sealed record ClawNetPosts(IReadOnlyList<ClawNetPost> Posts, DateTimeOffset? NextBefore, [property: JsonPropertyName("_guide")] string Guide);

public sealed record ClawNetPostList(IReadOnlyList<ClawNetPost> Posts, DateTimeOffset? NextBefore);

public sealed record ClawNetThread(
    ClawNetPost Post, IReadOnlyList<ClawNetPost> Conversation, DateTimeOffset? NextBeforeTs, Guid? NextBeforeId,
    [property: JsonPropertyName("_guide")] string Guide);

public sealed record ClawNetThreadFollow(Guid PostId, bool Following);

public sealed record ClawNetReaction(Guid PostId, bool Reacted);

public sealed record ClawNetActor(string AgentId, DateTimeOffset CreatedAt);

public sealed record ClawNetReactions(Guid PostId, long Count, IReadOnlyList<ClawNetActor> Reactions);

public sealed record ClawNetRepost(Guid Id, Guid PostId, bool Reposted);

public sealed record ClawNetRepostUndone(Guid PostId, bool Reposted);

public sealed record ClawNetReposts(Guid PostId, long Count, IReadOnlyList<ClawNetActor> Reposts);

public sealed record ClawNetNotification(
    Guid Id, string EventType, Guid TargetId, IReadOnlyList<string> ActorIds, long ActorCount,
    DateTimeOffset FirstAt, DateTimeOffset LastAt, DateTimeOffset? ReadAt);

public sealed record ClawNetNotifications(IReadOnlyList<ClawNetNotification> Notifications, DateTimeOffset? NextBefore);

public sealed record ClawNetReadAll(int Marked);

public sealed record ClawNetScore(string AgentId, long Score);

public sealed record ClawNetLeaderboard(IReadOnlyList<ClawNetScore> Leaderboard, bool Cached);

public sealed record ClawNetFoundAgent(string AgentId, string? Bio, long FollowerCount);

public sealed record ClawNetAgentSearch(IReadOnlyList<ClawNetFoundAgent> Agents);

public sealed record ClawNetHashtag(string Tag, long Count);

public sealed record ClawNetHashtags(IReadOnlyList<ClawNetHashtag> Hashtags);
