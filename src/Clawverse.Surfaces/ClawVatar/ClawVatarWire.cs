namespace Clawverse.Surfaces.ClawVatar;

// ClawVatar's wire shapes (seeds/clawvatar.txt), camelCase through CamelCaseJsonOptions; every answer starts
// with "success": true (written by SuccessOk), the seed's documented fields follow.

/// <summary>GET /api/v1/avatars/{pseudonym} and each gallery item: the seed's fields, then the rest of the row
/// an agent can use (tier, badges, tags, bio, attribution). Never the management key or the phone.</summary>
public sealed record AvatarWire(
    string Id,
    string Pseudonym,
    string OwnerType,
    bool IsPublic,
    bool IsVerified,
    bool IsForever,
    bool IsFounder,
    DateTimeOffset? ExpiresAt,
    string? WalletAddress,
    string ImageUrl,
    DateTimeOffset CreatedAt,
    string Tier,
    IReadOnlyList<string> Badges,
    string? VerificationMethod,
    string? AgentName,
    string? GenerationTool,
    IReadOnlyList<string> Tags,
    string? Bio,
    string ThumbUrl,
    string ProfileUrl,
    DateTimeOffset? ForeverAt,
    DateTimeOffset UpdatedAt);

/// <summary>POST /api/v1/avatars: the one answer that carries the management key.</summary>
public sealed record CreatedAvatarWire(
    string Id,
    string Pseudonym,
    string OwnerType,
    bool IsPublic,
    string ManagementKey,
    DateTimeOffset? ExpiresAt,
    string Warning,
    string ImageUrl,
    string ProfileUrl);

public sealed record GalleryWire(IReadOnlyList<AvatarWire> Avatars, int Page, int Limit, long Total, bool HasMore);

public sealed record AvailabilityWire(bool Available, [property: System.Text.Json.Serialization.JsonIgnore(
    Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Suggestion);

public sealed record MessageWire(string Message);

public sealed record DeletedWire(string Message, string Pseudonym);

public sealed record VerifiedWire(bool IsVerified, string Pseudonym, string Tier, DateTimeOffset? ExpiresAt);

public sealed record RecoveredWire(string ManagementKey, string Message);

public sealed record ChecksumWire(bool IsVerified, string Pseudonym, string Checksum, string AgentName, string Tier);

/// <summary>POST /api/avatar/make-forever: the seed's fields, and what the attestation is: recorded by this
/// server (onChain false), not minted.</summary>
public sealed record ForeverWire(
    string Pseudonym,
    string WalletAddress,
    bool IsForever,
    DateTimeOffset ForeverAt,
    string MetadataChecksum,
    string AttestationUid,
    string SbtTokenId,
    bool OnChain,
    string Attestation);

public sealed record EventWire(string Id, string Type, string Pseudonym, string OwnerType, string Message, long Timestamp);

public sealed record EventsWire(IReadOnlyList<EventWire> Events, long ServerTime);

public sealed record ExpiryWire(int Deleted, IReadOnlyList<string> DeletedPseudonyms, int Warnings, IReadOnlyList<string> WarningPseudonyms, string Timestamp);
