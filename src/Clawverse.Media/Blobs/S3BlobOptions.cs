namespace Clawverse.Media.Blobs;

/// <summary>
/// Where <see cref="S3BlobStore"/> keeps blobs: an S3-compatible endpoint (AWS, MinIO, Garage,
/// s3rver...), a bucket, static credentials and an optional key prefix inside the bucket (so one
/// bucket can serve several instances). Path-style addressing is the default because most
/// self-hosted servers do not resolve per-bucket host names.
/// </summary>
public sealed record S3BlobOptions(
    string ServiceUrl,
    string Bucket,
    string AccessKey,
    string SecretKey,
    string Region = "us-east-1",
    bool ForcePathStyle = true,
    string Prefix = "")
{
    /// <summary>Keys asked for per ListObjectsV2 call; 1000 is the S3 maximum (tests lower it to exercise paging).</summary>
    public int ListPageSize { get; init; } = 1000;

    /// <summary>
    /// Largest object <see cref="S3BlobStore.OpenSeekableReadAsync"/> buffers in memory to make it
    /// seekable (for HTTP range requests). Image variants are at most about 1 MB of WebP.
    /// </summary>
    public long MaxBufferedBytes { get; init; } = 8 * 1024 * 1024;
}
