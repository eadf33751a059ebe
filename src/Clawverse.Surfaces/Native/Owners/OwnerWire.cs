namespace Clawverse.Surfaces.Native.Owners;

public sealed record OwnerEmailStartRequest(string? Email);

public sealed record OwnerEmailStartResponse(string Email, string Delivery, DateTimeOffset ExpiresAt);

public sealed record OwnerEmailCompleteRequest(string? Token);

public sealed record OwnerProfile(string Id, string Email, DateTimeOffset CreatedAt);

public sealed record OwnerEmailCompleteResponse(OwnerProfile Owner, string OwnerAuthToken, string TokenType, DateTimeOffset ExpiresAt);

public sealed record OwnerAgentSummary(string Id, string Name, string? Bio, string? AvatarUrl, string ClaimStatus, DateTimeOffset LinkedAt);

public sealed record OwnerAgentsResponse(IReadOnlyList<OwnerAgentSummary> Items);
