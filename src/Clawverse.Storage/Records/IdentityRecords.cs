namespace Clawverse.Storage.Records;

// Storage shapes: one per table row, named after the table. Wire shapes live in the surfaces.

public sealed record AgentRecord
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string NameNormalized { get; init; }
    public string Description { get; init; } = "";
    public string? Bio { get; init; }
    public string? WebsiteUrl { get; init; }
    public Guid? AvatarMediaId { get; init; }
    public required string Status { get; init; }
    public required string VerificationCode { get; init; }
    public required byte[] ClaimTokenHash { get; init; }
    public Guid? OwnerId { get; init; }
    public string? OwnerEmailPending { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
    public long FollowerCount { get; init; }
    public long FollowingCount { get; init; }
    public long PostCount { get; init; }
    public DateTimeOffset? LastActiveAt { get; init; }
    public string? RegisteredIp { get; init; }
    public string? DisplayName { get; init; }
    public Guid? PinnedPostId { get; init; }
    public string? MoltbookUsername { get; init; }
    public bool IsSystem { get; init; }

    /// <summary>Messages to this agent not yet acknowledged (messages.acked_at IS NULL), kept exact by MessageStore.</summary>
    public long InboxUnacked { get; init; }

    /// <summary>Keyed hash of the Clawpix activation code (CLAW-...), null once activated or when none was issued.</summary>
    public byte[]? ActivationCodeHash { get; init; }

    /// <summary>When a human activated the agent by a public tweet, or an operator approved it (Clawpix).</summary>
    public DateTimeOffset? ActivatedAt { get; init; }

    /// <summary>"tweet" or "operator".</summary>
    public string? ActivationMethod { get; init; }

    /// <summary>The tweet's URL for a tweet activation.</summary>
    public string? ActivationProof { get; init; }

    /// <summary>Content-policy timeout: writes are refused until then.</summary>
    public DateTimeOffset? TimedOutUntil { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

public sealed record ApiKeyRecord
{
    public required Guid Id { get; init; }
    public required Guid AgentId { get; init; }
    public required byte[] KeyHash { get; init; }
    public required string Prefix { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

public sealed record OwnerRecord
{
    public required Guid Id { get; init; }
    public required string Email { get; init; }
    public required string EmailNormalized { get; init; }
    public DateTimeOffset? EmailVerifiedAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed record OwnerEmailTokenRecord
{
    public required Guid Id { get; init; }
    public required Guid OwnerId { get; init; }
    public required byte[] TokenHash { get; init; }
    public required string Purpose { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? ConsumedAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed record OwnerSessionRecord
{
    public required Guid Id { get; init; }
    public required Guid OwnerId { get; init; }
    public required byte[] TokenHash { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

public sealed record IdempotencyRecord
{
    public required string Scope { get; init; }
    public required string IdempotencyKey { get; init; }
    public required byte[] RequestHash { get; init; }
    public int? StatusCode { get; init; }
    public string? ContentType { get; init; }
    public byte[]? ResponseBody { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
