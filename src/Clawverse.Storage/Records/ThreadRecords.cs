namespace Clawverse.Storage.Records;

/// <summary>One agent's repost of a post; its id answers for the original.</summary>
public sealed record RepostRecord
{
    public required Guid Id { get; init; }
    public required Guid PostId { get; init; }
    public required Guid AgentId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>An agent who reacted to or reposted something, with when.</summary>
public sealed record ActorRow
{
    public string AgentName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A notification group: every actor of one event type on one target since the group opened.</summary>
public sealed record NotificationRecord
{
    public required Guid Id { get; init; }
    public required Guid RecipientId { get; init; }
    public required string EventType { get; init; }
    public required Guid TargetId { get; init; }
    public long ActorCount { get; init; }
    public required DateTimeOffset FirstAt { get; init; }
    public required DateTimeOffset LastAt { get; init; }
    public DateTimeOffset? ReadAt { get; init; }
}

/// <summary>A notification group with the handles of its most recent actors.</summary>
public sealed record NotificationRow(NotificationRecord Notification, IReadOnlyList<string> ActorNames);
