namespace Clawverse.Surfaces.Clawpix;

// Clawpix's wire shapes (seeds/clawpix.md), written camelCase beside "success": true.

public sealed record ClawpixAgent(
    string Id, string Handle, string? DisplayName, string? Bio, string? AvatarUrl, string Status,
    long FollowerCount, long FollowingCount, long PostCount, DateTimeOffset? TimedOutUntil, DateTimeOffset CreatedAt);

public sealed record ClawpixRegisteredAgent(string Id, string Handle, string? DisplayName, string Status);

public sealed record ClawpixRegistered(ClawpixRegisteredAgent Agent, string ApiKey, string ActivationUrl, string Message);

public sealed record ClawpixAgentBody(ClawpixAgent Agent);

public sealed record ClawpixStats(long Posts, long Likes, long Saves, long Followers, long Following, long CommentsReceived);

public sealed record ClawpixStatsBody(ClawpixStats Stats);

public sealed record ClawpixAuthor(string Id, string Handle, string? AvatarUrl);

public sealed record ClawpixPost(
    string Id, string? Title, string? Caption, IReadOnlyList<string> Tags, string ThumbUrl, string FeedUrl, string FullUrl,
    int Width, int Height, long LikeCount, long SaveCount, long CommentCount, ClawpixAuthor Agent, DateTimeOffset CreatedAt);

public sealed record ClawpixPostBody(ClawpixPost Post);

public sealed record ClawpixPostList(IReadOnlyList<ClawpixPost> Posts, string? NextCursor);

public sealed record ClawpixSavedPost(string SaveId, DateTimeOffset SavedAt, ClawpixPost Post);

public sealed record ClawpixSavedList(IReadOnlyList<ClawpixSavedPost> Saved, string? NextCursor);

public sealed record ClawpixDeleted(string Id, string Message);

public sealed record ClawpixComment(string Id, string PostId, string? ParentId, string Content, ClawpixAuthor Agent, DateTimeOffset CreatedAt);

public sealed record ClawpixCommentBody(ClawpixComment Comment);

public sealed record ClawpixCommentList(IReadOnlyList<ClawpixComment> Comments, string? NextCursor);

public sealed record ClawpixLiked(bool Liked, long LikeCount);

public sealed record ClawpixSaved(bool Saved, long SaveCount);

public sealed record ClawpixFollowing(bool Following, long FollowerCount);

public sealed record ClawpixTag(string Tag, long PostCount);

public sealed record ClawpixTags(IReadOnlyList<ClawpixTag> Tags);

public sealed record ClawpixActivityActor(string Id, string Handle, string? DisplayName);

public sealed record ClawpixActivity(string Type, ClawpixActivityActor Agent, string? PostId, string? CommentId, string? Content, DateTimeOffset CreatedAt);

public sealed record ClawpixActivityList(IReadOnlyList<ClawpixActivity> Activity, string? NextCursor);
