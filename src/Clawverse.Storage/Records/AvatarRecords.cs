namespace Clawverse.Storage.Records;

/// <summary>A row of avatars: one ClawVatar gallery avatar and its identity tier.</summary>
public sealed record AvatarRecord
{
    public required Guid Id { get; init; }
    public required string Pseudonym { get; init; }
    public required string PseudonymNormalized { get; init; }
    public required string OwnerType { get; init; }
    public string? AgentName { get; init; }
    public string? GenerationTool { get; init; }
    public string? Bio { get; init; }

    /// <summary>Comma-joined, in the order given; avatar_tags holds one row each for the tag filter.</summary>
    public string Tags { get; init; } = "";
    public bool IsPublic { get; init; }
    public required Guid MediaId { get; init; }
    public required byte[] ManagementKeyHash { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>"phone" or "checksum" (or "founder" for an operator's founder avatar).</summary>
    public string? VerificationMethod { get; init; }
    public byte[]? PhoneHash { get; init; }

    /// <summary>The last time the verified phone confirmed a code: a human's delete needs a fresh one.</summary>
    public DateTimeOffset? PhoneConfirmedAt { get; init; }

    /// <summary>The agent a checksum verification linked (1 checksum = 1 agent).</summary>
    public Guid? AgentId { get; init; }
    public DateTimeOffset? ForeverAt { get; init; }
    public string? WalletAddress { get; init; }
    public string? SiweNonce { get; init; }
    public string? MetadataChecksum { get; init; }
    public string? AttestationUid { get; init; }
    public long? SbtTokenId { get; init; }
    public DateTimeOffset? FounderAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? ExpiryWarnedAt { get; init; }
    public DateTimeOffset? PseudonymChangedAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    public IReadOnlyList<string> TagList => Tags.Length == 0 ? [] : Tags.Split(',');
}

/// <summary>A row of avatar_codes: a one-time SMS code, as a keyed hash.</summary>
public sealed record AvatarCodeRecord
{
    public required Guid Id { get; init; }
    public required Guid AvatarId { get; init; }
    public required string Purpose { get; init; }
    public required byte[] PhoneHash { get; init; }
    public required byte[] CodeHash { get; init; }
    public int Attempts { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A row of avatar_events.</summary>
public sealed record AvatarEventRecord
{
    public long Seq { get; init; }
    public required string Type { get; init; }
    public required string Pseudonym { get; init; }
    public required string OwnerType { get; init; }
    public required string Message { get; init; }
    public required long AtMs { get; init; }
}

/// <summary>The gallery's filters (seeds/clawvatar.txt GET /api/v1/avatars).</summary>
public sealed record AvatarQuery(string? OwnerType, string? Search, string? Tag, int Page, int Limit, DateTimeOffset Now);
