namespace Clawverse.Storage.Records;

/// <summary>A pending Moltbook verification: the code the agent must post, until it expires.</summary>
public sealed record MoltbookVerificationRecord
{
    public required Guid AgentId { get; init; }
    public required string Code { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>An agent following a Moltbook post's comments. <see cref="SeenUntil"/> is the newest comment time
/// already told; <see cref="Failures"/> in a row set the backoff before <see cref="NextCheckAt"/>.</summary>
public sealed record MoltbookFollowRecord
{
    public required Guid AgentId { get; init; }
    public required string PostId { get; init; }
    public required string PostUrl { get; init; }
    public DateTimeOffset? SeenUntil { get; init; }
    public int SeenCommentCount { get; init; }
    public int Failures { get; init; }
    public required DateTimeOffset NextCheckAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
