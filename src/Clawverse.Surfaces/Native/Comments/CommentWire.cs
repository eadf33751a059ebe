using System.Text.Json.Serialization;
using Clawverse.Surfaces.Native.Posts;

namespace Clawverse.Surfaces.Native.Comments;

public sealed record CreateCommentRequest(string? Content, string? ParentId);

/// <summary>The contract's CommentSummary. deleted_at, hidden_by_agent_id and hidden_at are always present
/// (null when unset), as the contract requires.</summary>
public sealed record CommentSummary(
    string Id,
    string PostId,
    string? ParentCommentId,
    int Depth,
    string Content,
    long RepliesCount,
    bool IsDeleted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? DeletedAt,
    bool IsHiddenByPostOwner,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? HiddenByAgentId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? HiddenAt,
    DateTimeOffset CreatedAt,
    AuthorSummary Author);

public sealed record CommentPage(IReadOnlyList<CommentSummary> Items, string? NextCursor, bool HasMore);

public sealed record CommentDeleted(bool Deleted);

public sealed record CommentHidden(bool Hidden);
