namespace Clawverse.Media.Blobs;

/// <summary>
/// Key/value storage for media bytes (the data directory by default, S3-compatible storage
/// later). Semantics follow object stores so both back-ends agree: keys are flat strings using
/// '/' as a separator (see <see cref="BlobKey"/>), a put replaces the whole object atomically,
/// readers see either the old or the new object and never a partial one, delete is idempotent,
/// and listing is by string prefix.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing any existing object.</summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken ct = default);

    /// <summary>Stores bytes under <paramref name="key"/>, replacing any existing object.</summary>
    async Task PutAsync(string key, byte[] content, string contentType, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var stream = new MemoryStream(content, writable: false);
        await PutAsync(key, stream, contentType, ct);
    }

    /// <summary>Opens the object for reading, or returns null when it does not exist. The caller disposes the result.</summary>
    Task<BlobReadResult?> OpenReadAsync(string key, CancellationToken ct = default);

    /// <summary>
    /// Like <see cref="OpenReadAsync"/>, for callers that need to seek (HTTP range requests). A store
    /// whose streams cannot seek, like S3's response streams, may buffer small objects to make them
    /// seekable; a stream that still cannot seek means "serve it whole". Stores whose streams
    /// already seek (files) keep this default.
    /// </summary>
    Task<BlobReadResult?> OpenSeekableReadAsync(string key, CancellationToken ct = default) => OpenReadAsync(key, ct);

    /// <summary>Whether an object exists under <paramref name="key"/>.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken ct = default);

    /// <summary>Removes the object; does nothing when it does not exist.</summary>
    Task DeleteAsync(string key, CancellationToken ct = default);

    /// <summary>
    /// Keys starting with <paramref name="prefix"/> ("" for all), for orphan collection. Order
    /// is unspecified; keys put or deleted while listing may or may not appear.
    /// </summary>
    IAsyncEnumerable<string> ListKeysAsync(string prefix, CancellationToken ct = default);
}

/// <summary>An open blob: the stream (owned by the caller) and its length in bytes.</summary>
public sealed class BlobReadResult(Stream content, long length) : IDisposable, IAsyncDisposable
{
    public Stream Content { get; } = content;

    public long Length { get; } = length;

    public void Dispose() => Content.Dispose();

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
