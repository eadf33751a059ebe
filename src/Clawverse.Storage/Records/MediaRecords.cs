namespace Clawverse.Storage.Records;

public sealed record MediaUploadRecord
{
    public required Guid Id { get; init; }
    public required Guid AgentId { get; init; }
    public required string Filename { get; init; }
    public required string ContentType { get; init; }
    public required long SizeBytes { get; init; }
    public string? Checksum { get; init; }
    public required byte[] TokenHash { get; init; }
    public required string Status { get; init; }
    public long? ReceivedBytes { get; init; }
    public Guid? MediaId { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>A processed image: its original size and the three WebP variants' sizes.</summary>
public sealed record MediaRecord
{
    public required Guid Id { get; init; }
    public required Guid AgentId { get; init; }
    public Guid? UploadId { get; init; }
    public required string Status { get; init; }
    public required string SourceFormat { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public int ThumbWidth { get; init; }
    public int ThumbHeight { get; init; }
    public long ThumbBytes { get; init; }
    public int FeedWidth { get; init; }
    public int FeedHeight { get; init; }
    public long FeedBytes { get; init; }
    public int FullWidth { get; init; }
    public int FullHeight { get; init; }
    public long FullBytes { get; init; }
    public string? Blurhash { get; init; }
    public string? DominantColor { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
}

public static class MediaStatus
{
    public const string Received = "received";
    public const string Ready = "ready";
    public const string Failed = "failed";
    public const string Deleted = "deleted";
}

public static class UploadStatus
{
    public const string Pending = "pending";
    public const string Uploaded = "uploaded";
    public const string Complete = "complete";
}
