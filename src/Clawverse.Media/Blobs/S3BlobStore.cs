using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Clawverse.Media.Blobs;

/// <summary>
/// <see cref="IBlobStore"/> on S3-compatible object storage: one object per key, under
/// <see cref="S3BlobOptions.Prefix"/> in one bucket. S3 already has the semantics the interface
/// asks for (whole-object atomic puts, idempotent deletes, prefix listing). Content types are
/// stored with the objects, though the media record stays their owner. "Not found" (NoSuchKey,
/// or 404 on a HEAD) maps to null/false; every other failure, a missing bucket included, throws.
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;
    private readonly S3BlobOptions _options;
    private readonly string _prefix;

    public S3BlobStore(S3BlobOptions options)
        : this(options, CreateClient(options), ownsClient: true)
    {
    }

    /// <summary>Uses <paramref name="client"/> (not disposed by the store).</summary>
    public S3BlobStore(S3BlobOptions options, IAmazonS3 client)
        : this(options, client, ownsClient: false)
    {
    }

    private S3BlobStore(S3BlobOptions options, IAmazonS3 client, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Bucket);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ListPageSize);
        if (!BlobKey.IsValidPrefix(options.Prefix))
            throw new ArgumentException("Invalid S3 key prefix.", nameof(options));

        _options = options;
        _client = client;
        _ownsClient = ownsClient;
        _prefix = options.Prefix.Length == 0 || options.Prefix.EndsWith('/') ? options.Prefix : options.Prefix + "/";
    }

    public string Bucket => _options.Bucket;

    /// <summary>
    /// A client for the endpoint in <paramref name="options"/>. Checksums are computed only when an
    /// operation requires them: the SDK's default (CRC32 trailers on every put, in aws-chunked
    /// encoding) is not understood by many S3-compatible servers.
    /// </summary>
    public static AmazonS3Client CreateClient(S3BlobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            AuthenticationRegion = options.Region,
            ForcePathStyle = options.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        return new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    /// <summary>Creates the bucket unless it exists. Listing first needs only the rights the store needs anyway.</summary>
    public async Task EnsureBucketAsync(CancellationToken ct = default)
    {
        try
        {
            await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, MaxKeys = 1 }, ct);
            return;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
        }

        try
        {
            await _client.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }, ct);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Created concurrently (another instance starting); S3 reports a foreign owner the same
            // way, which the next request then reports as access denied.
        }
    }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        string objectKey = ObjectKey(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        if (content.CanSeek)
        {
            await PutObjectAsync(objectKey, content, contentType, ct);
            return;
        }

        // A single PUT needs the length up front. Blobs are image variants of about a megabyte,
        // so buffering is cheaper than a multipart upload; a failing source fails here, before
        // anything is sent, and leaves the old object untouched.
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        await PutObjectAsync(objectKey, buffer, contentType, ct);
    }

    public async Task PutAsync(string key, byte[] content, string contentType, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var stream = new MemoryStream(content, writable: false);
        await PutAsync(key, stream, contentType, ct);
    }

    public async Task<BlobReadResult?> OpenReadAsync(string key, CancellationToken ct = default)
    {
        GetObjectResponse? response = await GetObjectOrNullAsync(ObjectKey(key), ct);
        return response is null ? null : new BlobReadResult(response.ResponseStream, response.ContentLength);
    }

    /// <summary>
    /// The S3 response stream cannot seek, so objects up to <see cref="S3BlobOptions.MaxBufferedBytes"/>
    /// are read into memory; larger ones come back as the plain response stream (range requests on
    /// them are then answered with the whole object, which HTTP allows).
    /// </summary>
    public async Task<BlobReadResult?> OpenSeekableReadAsync(string key, CancellationToken ct = default)
    {
        GetObjectResponse? response = await GetObjectOrNullAsync(ObjectKey(key), ct);
        if (response is null)
            return null;
        if (response.ContentLength > _options.MaxBufferedBytes)
            return new BlobReadResult(response.ResponseStream, response.ContentLength);

        using (response)
        {
            var buffer = new MemoryStream(capacity: (int)response.ContentLength);
            await response.ResponseStream.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            return new BlobReadResult(buffer, buffer.Length);
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken ct = default)
    {
        string objectKey = ObjectKey(key);
        try
        {
            await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = objectKey }, ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // A HEAD answer has no body, hence no error code: a missing bucket also lands here.
            return false;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct = default)
    {
        string objectKey = ObjectKey(key);
        try
        {
            await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = objectKey }, ct);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
        {
            // S3 answers 204 for a missing key; some compatible servers answer 404 instead.
        }
    }

    public IAsyncEnumerable<string> ListKeysAsync(string prefix, CancellationToken ct = default)
    {
        if (!BlobKey.IsValidPrefix(prefix))
            throw new ArgumentException("Invalid blob key prefix.", nameof(prefix));
        return ListKeys(_prefix + prefix, ct);
    }

    public void Dispose()
    {
        if (_ownsClient)
            _client.Dispose();
    }

    /// <summary>Pages through ListObjectsV2 with continuation tokens, one request per page.</summary>
    private async IAsyncEnumerable<string> ListKeys(string objectPrefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = objectPrefix, MaxKeys = _options.ListPageSize };
        while (true)
        {
            ListObjectsV2Response page = await _client.ListObjectsV2Async(request, ct);
            foreach (S3Object entry in page.S3Objects ?? [])
            {
                // Objects outside the key syntax were not put by this store: leave them out.
                string key = entry.Key[_prefix.Length..];
                if (BlobKey.IsValid(key))
                    yield return key;
            }

            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
                yield break;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    private async Task PutObjectAsync(string objectKey, Stream content, string contentType, CancellationToken ct)
    {
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = objectKey,
            InputStream = content,
            ContentType = contentType,
            AutoCloseStream = false,
            // Plain signed payloads: aws-chunked bodies are stored verbatim, chunk signatures and
            // all, by some S3-compatible servers (s3rver among them).
            UseChunkEncoding = false,
        };
        await _client.PutObjectAsync(request, ct);
    }

    private async Task<GetObjectResponse?> GetObjectOrNullAsync(string objectKey, CancellationToken ct)
    {
        try
        {
            return await _client.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = objectKey }, ct);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
        {
            return null;
        }
    }

    private string ObjectKey(string key)
    {
        BlobKey.Validate(key);
        return _prefix + key;
    }
}
