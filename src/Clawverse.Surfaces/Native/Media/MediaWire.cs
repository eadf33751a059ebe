namespace Clawverse.Surfaces.Native.Media;

public sealed record UploadRequest(string? Filename, string? ContentType, long? SizeBytes, string? Checksum);

public sealed record UploadResponse(
    string UploadId, string UploadUrl, IReadOnlyDictionary<string, string> UploadHeaders, DateTimeOffset ExpiresAt, string Status);

public sealed record UploadReceived(bool Uploaded, string UploadId, long ReceivedBytes);

public sealed record MediaVariants(MediaVariant Thumb, MediaVariant Feed, MediaVariant Full);

public sealed record MediaVariant(string Url, int Width, int Height, long ByteSize);

/// <summary>The contract's {media_id, status} plus what we know after processing.</summary>
public sealed record MediaCompleteResponse(
    string MediaId, string Status, string Url, int Width, int Height, string Format, string SourceFormat,
    MediaVariants Variants, string? Blurhash, string? DominantColor);

public sealed record AvatarRequest(string? MediaId);
