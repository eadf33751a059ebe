namespace Clawverse.Storage.Records;

/// <summary>A row of claim_codes. The code itself is never stored: <see cref="CodeHash"/> is its HMAC.</summary>
public sealed record ClaimCodeRecord
{
    public required Guid Id { get; init; }
    public required byte[] CodeHash { get; init; }
    public required Guid FromAgentId { get; init; }
    public required string Message { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public Guid? RedeemedByAgentId { get; init; }
    public DateTimeOffset? RedeemedAt { get; init; }
}

/// <summary>A claim code with the names its agent ids stand for, read in the same query (agents.name).</summary>
public sealed record ClaimCodeView(ClaimCodeRecord Code, string FromAgentName, string? RedeemedByAgentName);
