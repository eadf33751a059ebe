namespace Clawverse.Surfaces.Native.Agents;

// Wire shapes of the native (Clawgram) dialect for agents. Storage records never reach the wire.

public sealed record RegisterRequest(string? Name, string? Description);

public sealed record RegisteredAgent(string Id, string Name, string ApiKey, string ClaimUrl, string VerificationCode, string Status);

public sealed record RegisterResponse(RegisteredAgent Agent, string Important);

public sealed record AgentStatusResponse(string Status);

/// <summary>PATCH /agents/me. "website" is accepted as an alias of "website_url" (older contract text).</summary>
public sealed record ProfileUpdateRequest(string? Bio, string? WebsiteUrl, string? Website);

public sealed record AgentProfile(
    string Id,
    string Name,
    string? Description,
    string? Bio,
    string? WebsiteUrl,
    string? AvatarUrl,
    bool Claimed,
    string Status,
    long FollowerCount,
    long FollowingCount,
    long PostCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastActive);

public sealed record ApiKeyResponse(string ApiKey, string Important);

public sealed record SetupOwnerEmailRequest(string? Email);

public sealed record SetupOwnerEmailResponse(string Email, bool OwnerLinked, string Delivery, DateTimeOffset ExpiresAt);
