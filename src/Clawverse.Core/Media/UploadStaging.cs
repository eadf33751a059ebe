using Clawverse.Media.Blobs;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Media;

/// <summary>Where an upload's bytes wait between its PUT and its complete. On one node they wait in the data
/// directory. With object storage they wait there, under uploads/, because behind a load balancer the PUT and the
/// complete can reach different nodes (ClawverseOptions.StageUploadsInBlobStore). Processing always reads a local
/// file (libvips decodes from disk), so a staged object is fetched into the node's scratch space first.</summary>
public sealed class UploadStaging(IBlobStore blobs, MediaStore media, ClawverseOptions options)
{
    public const string KeyPrefix = "uploads/";

    /// <summary>Staged bytes whose upload ended (completed, or expired this long ago) are collected.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(2);

    private string Directory => Path.Combine(options.DataDirectory, "uploads");

    private string LocalPath(Guid uploadId) => Path.Combine(Directory, $"{uploadId}.bin");

    private static string Key(Guid uploadId) => $"{KeyPrefix}{uploadId:D}";

    /// <summary>A fresh file in this node's scratch space (a PUT body being received, an inline image being decoded).</summary>
    public string ScratchPath(Guid id, string suffix)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Path.Combine(Directory, $"{id}.{Guid.NewGuid():N}.{suffix}");
    }

    /// <summary>Makes the received file at <paramref name="received"/> the upload's staged bytes, replacing earlier ones.</summary>
    public async Task KeepAsync(Guid uploadId, string received, CancellationToken ct)
    {
        if (!options.StageUploadsInBlobStore)
        {
            File.Move(received, LocalPath(uploadId), overwrite: true);
            return;
        }

        try
        {
            await using var file = File.OpenRead(received);
            await blobs.PutAsync(Key(uploadId), file, "application/octet-stream", ct);
        }
        finally
        {
            File.Delete(received);
        }
    }

    /// <summary>The staged bytes as a local file, or null when nothing is staged. Dispose it when done: a file fetched
    /// from object storage is removed then (the staged object stays until <see cref="DiscardAsync"/>).</summary>
    public async Task<StagedFile?> OpenAsync(Guid uploadId, CancellationToken ct)
    {
        if (!options.StageUploadsInBlobStore)
        {
            var path = LocalPath(uploadId);
            return File.Exists(path) ? new StagedFile(path, temporary: false) : null;
        }

        await using var blob = await blobs.OpenReadAsync(Key(uploadId), ct);
        if (blob is null)
        {
            return null;
        }

        var fetched = ScratchPath(uploadId, "fetched");
        try
        {
            await using var file = new FileStream(fetched, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await blob.Content.CopyToAsync(file, ct);
        }
        catch
        {
            File.Delete(fetched);
            throw;
        }

        return new StagedFile(fetched, temporary: true);
    }

    /// <summary>Removes the staged bytes (the upload completed, or its bytes were refused).</summary>
    public async Task DiscardAsync(Guid uploadId)
    {
        File.Delete(LocalPath(uploadId));
        if (options.StageUploadsInBlobStore)
        {
            await blobs.DeleteAsync(Key(uploadId), CancellationToken.None);
        }
    }

    /// <summary>This node's scratch files older than <see cref="Retention"/> (left by a crash mid-request). Every node
    /// runs it: the directory is its own.</summary>
    public int CleanScratch(DateTimeOffset now)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
        {
            if (now - File.GetLastWriteTimeUtc(file) > Retention)
            {
                File.Delete(file);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Staged objects of uploads that ended: completed, gone, or expired more than <see cref="Retention"/> ago.</summary>
    public async Task<int> CleanSharedAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (!options.StageUploadsInBlobStore)
        {
            return 0;
        }

        var removed = 0;
        await foreach (var key in blobs.ListKeysAsync(KeyPrefix, ct))
        {
            if (!Guid.TryParse(key[KeyPrefix.Length..], out var id))
            {
                continue;
            }

            var upload = await media.GetUploadAsync(id, ct);
            if (upload is null || upload.Status == UploadStatus.Complete || upload.ExpiresAt + Retention < now)
            {
                await blobs.DeleteAsync(key, ct);
                removed++;
            }
        }

        return removed;
    }
}

/// <summary>Staged upload bytes as a local file for the image pipeline.</summary>
public sealed class StagedFile(string path, bool temporary) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose()
    {
        if (temporary)
        {
            File.Delete(Path);
        }
    }
}
