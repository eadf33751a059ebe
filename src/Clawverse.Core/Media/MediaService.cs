using Clawverse.Core.Errors;
using Clawverse.Core.Time;
using Clawverse.Media;
using Clawverse.Media.Blobs;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Media;

public sealed record CompletedMedia(MediaRecord Media, bool Created);

/// <summary>Turns uploaded bytes into stored media: record "received" first, process on the bounded image
/// pool, write the variant blobs, then mark the media ready and the upload complete in one transaction.
/// A failure at any step leaves no row pointing at a missing blob.</summary>
public sealed class MediaService(
    MediaStore media, UploadStaging staging, ImageProcessor images, IBlobStore blobs, Clock clock, ILogger<MediaService> logger)
{
    public async Task<Result<CompletedMedia>> CompleteUploadAsync(Guid agentId, Guid uploadId, CancellationToken ct)
    {
        var upload = await media.GetUploadAsync(uploadId, ct);
        if (upload is null)
        {
            return Error.NotFound("Upload");
        }

        if (upload.AgentId != agentId)
        {
            return new Error(ErrorCodes.MediaNotOwned, "This upload belongs to another agent.", 403);
        }

        if (upload is { Status: UploadStatus.Complete, MediaId: { } doneId })
        {
            return new CompletedMedia((await media.GetMediaAsync(doneId, ct))!, Created: false);
        }

        if (upload.ExpiresAt <= clock.Now())
        {
            return new Error(ErrorCodes.UploadExpired, "This upload has expired.", 410, "Create a new upload.");
        }

        using var staged = upload.Status == UploadStatus.Uploaded ? await staging.OpenAsync(upload.Id, ct) : null;
        if (staged is null)
        {
            // A complete that ran at the same time (perhaps on another node) may have just taken the bytes: its media
            // is the answer.
            if (await media.GetUploadAsync(uploadId, ct) is { Status: UploadStatus.Complete, MediaId: { } wonId })
            {
                return new CompletedMedia((await media.GetMediaAsync(wonId, ct))!, Created: false);
            }

            return Error.Conflict(ErrorCodes.ValidationError, "No bytes were uploaded yet.", "PUT the file to upload_url first.");
        }

        if (await SniffAsync(staged.Path, ct) != MediaRules.NativeContentTypes[upload.ContentType])
        {
            return new Error(ErrorCodes.UnsupportedMediaType, $"The uploaded bytes are not a {upload.ContentType} image.", 415,
                "The file's content decides its type; send the matching content_type.");
        }

        var received = new MediaRecord
        {
            Id = clock.NewId(),
            AgentId = agentId,
            UploadId = upload.Id,
            Status = MediaStatus.Received,
            SourceFormat = upload.ContentType["image/".Length..].Replace("jpg", "jpeg", StringComparison.Ordinal),
            CreatedAt = clock.Now(),
        };
        await media.InsertMediaAsync(received, ct);
        return await ProcessAsync(received, upload, staged.Path, ct);
    }

    private async Task<Result<CompletedMedia>> ProcessAsync(MediaRecord received, MediaUploadRecord upload, string staged, CancellationToken ct)
    {
        var written = new List<string>();
        try
        {
            var result = await images.ProcessAsync(staged, MediaRules.Native, ct);
            if (!result.IsSuccess)
            {
                await media.SetMediaStatusAsync(received.Id, MediaStatus.Failed, null, CancellationToken.None);
                var error = result.Error!;
                return new Error(MapCode(error.Code), error.Message, error.HttpStatus);
            }

            var ready = await WriteVariantsAsync(received, result.Image!, written, ct);
            if (!await media.CompleteAsync(ready, upload.Id, clock.Now(), ct))
            {
                // Another request completed this upload first: keep its media, drop ours.
                await DiscardAsync(received.Id, written);
                var winner = await media.GetUploadAsync(upload.Id, CancellationToken.None);
                return new CompletedMedia((await media.GetMediaAsync(winner!.MediaId!.Value, CancellationToken.None))!, Created: false);
            }

            written.Clear();
            await staging.DiscardAsync(upload.Id);
            return new CompletedMedia(ready, Created: true);
        }
        finally
        {
            if (written.Count > 0)
            {
                await DiscardAsync(received.Id, written);
            }
        }
    }

    /// <summary>Decodes, checks and renders an image held in memory (a base64 publish, a fetched avatar) without
    /// storing anything: the caller can still refuse it (content policy) before <see cref="StoreAsync"/>.</summary>
    public async Task<Result<ProcessedImage>> ProcessBytesAsync(byte[] bytes, ImageLimits limits, CancellationToken ct)
    {
        var staged = staging.ScratchPath(Guid.NewGuid(), "inline");
        try
        {
            await File.WriteAllBytesAsync(staged, bytes, ct);
            var result = await images.ProcessAsync(staged, limits, ct);
            return result.IsSuccess ? result.Image : new Error(MapCode(result.Error!.Code), result.Error.Message, result.Error.HttpStatus);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <summary>Stores a processed image as the agent's ready media: the variant blobs first, then the row, so a
    /// crash between them leaves only blobs the orphan sweep removes, never a row pointing at nothing.</summary>
    public async Task<MediaRecord> StoreAsync(Guid agentId, ProcessedImage image, CancellationToken ct)
    {
        var record = new MediaRecord
        {
            Id = clock.NewId(),
            AgentId = agentId,
            Status = MediaStatus.Ready,
            SourceFormat = image.Format.ToString().ToLowerInvariant(),
            CreatedAt = clock.Now(),
        };
        var written = new List<string>();
        try
        {
            var ready = await WriteVariantsAsync(record, image, written, ct);
            await media.InsertMediaAsync(ready, ct);
            written.Clear();
            return ready;
        }
        finally
        {
            if (written.Count > 0)
            {
                await DiscardAsync(record.Id, written);
            }
        }
    }

    // Writes the three variant blobs (each key added to written as it lands) and returns the record with their sizes.
    private async Task<MediaRecord> WriteVariantsAsync(MediaRecord media, ProcessedImage image, List<string> written, CancellationToken ct)
    {
        foreach (var variant in image.Variants)
        {
            var key = MediaRules.BlobKey(media.Id, variant.Name);
            await blobs.PutAsync(key, variant.Bytes, variant.ContentType, ct);
            written.Add(key);
        }

        return media with
        {
            Status = MediaStatus.Ready,
            Width = image.Width,
            Height = image.Height,
            ThumbWidth = image.GetVariant("thumb").Width,
            ThumbHeight = image.GetVariant("thumb").Height,
            ThumbBytes = image.GetVariant("thumb").ByteSize,
            FeedWidth = image.GetVariant("feed").Width,
            FeedHeight = image.GetVariant("feed").Height,
            FeedBytes = image.GetVariant("feed").ByteSize,
            FullWidth = image.GetVariant("full").Width,
            FullHeight = image.GetVariant("full").Height,
            FullBytes = image.GetVariant("full").ByteSize,
            Blurhash = image.BlurHash,
            DominantColor = image.DominantColor,
        };
    }

    /// <summary>The agent's own, ready media, or the contract's error for anything else.</summary>
    public async Task<Result<MediaRecord>> GetOwnedReadyAsync(Guid agentId, string? mediaId, CancellationToken ct)
    {
        if (!Guid.TryParse(mediaId, out var id) || await media.GetMediaAsync(id, ct) is not { } found || found.Status == MediaStatus.Deleted)
        {
            return new Error(ErrorCodes.MediaNotOwned, "media_id is not one of your completed uploads.", 403);
        }

        if (found.AgentId != agentId)
        {
            return new Error(ErrorCodes.MediaNotOwned, "media_id belongs to another agent.", 403);
        }

        return found.Status == MediaStatus.Ready
            ? found
            : Error.Validation("This media is not ready.", "Complete the upload first.");
    }

    public Task<MediaRecord?> GetAsync(Guid id, CancellationToken ct) => media.GetMediaAsync(id, ct);

    /// <summary>The bytes of a ready media's variant, read from the blob store; null when there is no such
    /// media, it is not ready, or the variant is larger than <paramref name="maxBytes"/>.</summary>
    public async Task<byte[]?> ReadVariantAsync(Guid mediaId, string variant, long maxBytes, CancellationToken ct)
    {
        if (await media.GetMediaAsync(mediaId, ct) is not { Status: MediaStatus.Ready })
        {
            return null;
        }

        await using var blob = await blobs.OpenReadAsync(MediaRules.BlobKey(mediaId, variant), ct);
        if (blob is null || blob.Length > maxBytes)
        {
            return null;
        }

        using var copy = new MemoryStream((int)blob.Length);
        await blob.Content.CopyToAsync(copy, ct);
        return copy.ToArray();
    }

    /// <summary>Removes the blobs of media no live post or avatar uses any more.</summary>
    public async Task ReleaseAsync(IEnumerable<Guid> mediaIds, CancellationToken ct)
    {
        foreach (var id in mediaIds.Distinct())
        {
            if (await media.IsInUseAsync(id, ct))
            {
                continue;
            }

            await media.SetMediaStatusAsync(id, MediaStatus.Deleted, clock.Now(), ct);
            foreach (var variant in MediaRules.Variants)
            {
                await blobs.DeleteAsync(MediaRules.BlobKey(id, variant), ct);
            }
        }
    }

    private async Task DiscardAsync(Guid mediaId, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            try
            {
                await blobs.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The orphan sweep collects what could not be deleted now.
                logger.LogWarning(e, "Could not delete blob {Key}; the orphan sweep will", key);
            }
        }

        await media.SetMediaStatusAsync(mediaId, MediaStatus.Failed, null, CancellationToken.None);
    }

    private static async Task<ImageFormat?> SniffAsync(string path, CancellationToken ct)
    {
        var head = new byte[ImageSniffer.HeadLength];
        await using var file = File.OpenRead(path);
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        return ImageSniffer.Detect(head.AsSpan(0, read));
    }

    // The pipeline's codes are ours already; "file_too_large" is the contract's payload_too_large.
    private static string MapCode(string code) => code == ImageErrorCodes.FileTooLarge ? ErrorCodes.PayloadTooLarge : code;
}
