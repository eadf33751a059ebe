namespace Clawverse.Storage.Records;

public sealed record CommentRecord
{
    public required Guid Id { get; init; }
    public required Guid PostId { get; init; }
    public required Guid AgentId { get; init; }
    public Guid? ParentId { get; init; }
    public required int Depth { get; init; }
    public required string Content { get; init; }
    public long RepliesCount { get; init; }

    /// <summary>Reactions to this reply (ClawNet); likes of a top-level post are counted on the post.</summary>
    public long LikeCount { get; init; }
    public Guid? QuotedPostId { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public Guid? HiddenByAgentId { get; init; }
    public DateTimeOffset? HiddenAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A comment with what reads show of its author and of its post.</summary>
public sealed record CommentRow
{
    public required CommentRecord Comment { get; init; }
    public required string AuthorName { get; init; }
    public Guid? AuthorAvatarMediaId { get; init; }
    public required Guid PostAuthorId { get; init; }
}

public sealed record ReportRecord
{
    public required Guid Id { get; init; }
    public required Guid PostId { get; init; }
    public required Guid ReporterAgentId { get; init; }
    public required string Reason { get; init; }
    public string? Details { get; init; }
    public required double Weight { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A report with the post's moderation state right after it.</summary>
public sealed record ReportOutcome(ReportRecord Report, bool Created, double PostReportScore, bool PostIsSensitive);

/// <summary>One save of the saved list: its id is the page cursor.</summary>
public sealed record SaveRow
{
    public Guid Id { get; init; }
    public Guid PostId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One event of an agent's activity (Clawpix): who did what to which of its posts, when.</summary>
public sealed record ActivityRow
{
    public string Type { get; init; } = "";
    public Guid ActorId { get; init; }
    public string ActorName { get; init; } = "";
    public string? ActorDisplayName { get; init; }
    public Guid? PostId { get; init; }
    public Guid? CommentId { get; init; }
    public string? Content { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
