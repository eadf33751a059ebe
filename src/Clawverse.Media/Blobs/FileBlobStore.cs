namespace Clawverse.Media.Blobs;

/// <summary>
/// <see cref="IBlobStore"/> on the local file system, one file per key under a root directory
/// (normally "&lt;data-dir&gt;/blobs"). Writes go to a temp file in the target's directory and are
/// renamed over the target: rename(2) is atomic on one file system, so readers see the old or
/// the new bytes, never a torn file. Content types are not stored: the media record owns them.
/// Limitation: a key cannot also be a directory of other keys ("a" and "a/b" cannot coexist).
/// </summary>
public sealed class FileBlobStore : IBlobStore
{
    /// <summary>Temp files start with '.', which <see cref="BlobKey"/> forbids, so they never collide with or list as keys.</summary>
    private const string TempPrefix = ".tmp-";
    private const int BufferSize = 81920;

    private readonly string _root;

    public FileBlobStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDirectory)) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(_root);
    }

    /// <summary>Absolute root directory, ending with a separator.</summary>
    public string RootDirectory => _root;

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        string path = PathFor(key);
        string directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);

        string temp = Path.Combine(directory, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, BufferSize, ct);
                // Data must be on disk before the rename makes it visible, or a crash could
                // leave a complete-looking name pointing at missing data.
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public Task<BlobReadResult?> OpenReadAsync(string key, CancellationToken ct = default)
    {
        string path = PathFor(key);
        ct.ThrowIfCancellationRequested();
        try
        {
            // FileShare.Delete: a concurrent delete or overwrite must not fail because of a reader;
            // on POSIX the reader keeps the bytes it opened.
            var stream = new FileStream(
                path,
                FileMode.Open,
                FileAccess.Read,
                FileShare.Read | FileShare.Delete,
                BufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<BlobReadResult?>(new BlobReadResult(stream, stream.Length));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException
            || (e is UnauthorizedAccessException && Directory.Exists(path)))
        {
            return Task.FromResult<BlobReadResult?>(null);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct = default) =>
        Task.FromResult(File.Exists(PathFor(key)));

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        string path = PathFor(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Already absent. Empty directories are left in place: removing them could race a
            // concurrent put that has just created one.
        }

        return Task.CompletedTask;
    }

    public IAsyncEnumerable<string> ListKeysAsync(string prefix, CancellationToken ct = default)
    {
        if (!BlobKey.IsValidPrefix(prefix))
            throw new ArgumentException("Invalid blob key prefix.", nameof(prefix));
        return ListKeys(prefix, ct).ToAsyncEnumerable();
    }

    /// <summary>
    /// Deletes temp files older than <paramref name="olderThan"/>: leftovers of puts interrupted
    /// by a crash. Safe to run while puts are in progress as long as the age exceeds any put.
    /// </summary>
    public int DeleteStaleTempFiles(TimeSpan olderThan)
    {
        DateTime cutoff = DateTime.UtcNow - olderThan;
        int deleted = 0;
        foreach (string file in Directory.EnumerateFiles(_root, TempPrefix + "*", AllFiles()))
        {
            if (File.GetLastWriteTimeUtc(file) < cutoff && TryDelete(file))
                deleted++;
        }

        return deleted;
    }

    private IEnumerable<string> ListKeys(string prefix, CancellationToken ct)
    {
        // Walk only the deepest directory the prefix names ("media/ab/c" → "media/ab").
        int lastSlash = prefix.LastIndexOf('/');
        string start = lastSlash < 0 ? _root : Path.Combine(_root, prefix[..lastSlash]);
        if (!Directory.Exists(start))
            yield break;

        foreach (string file in Directory.EnumerateFiles(start, "*", AllFiles()))
        {
            ct.ThrowIfCancellationRequested();
            string key = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal) && BlobKey.IsValid(key))
                yield return key;
        }
    }

    private string PathFor(string key)
    {
        BlobKey.Validate(key);
        // Belt and braces: the key syntax already excludes traversal, but the resolved path
        // must provably stay under the root whatever the syntax rules become.
        string path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root, StringComparison.Ordinal))
            throw new ArgumentException("Invalid blob key.", nameof(key));
        return path;
    }

    private static EnumerationOptions AllFiles() => new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.None,
    };

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
