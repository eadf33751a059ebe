using System.Security.Cryptography;
using Clawverse.Core.Errors;
using Clawverse.Core.Security;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Media;

public sealed record CreateUpload(string? Filename, string? ContentType, long? SizeBytes, string? Checksum);

/// <summary>An upload session: where to PUT the bytes, with which headers, until when.</summary>
public sealed record UploadTicket(MediaUploadRecord Upload, string UploadUrl, IReadOnlyDictionary<string, string> UploadHeaders);

/// <summary>Upload sessions: created by an agent, filled by an unauthenticated PUT to an unguessable URL,
/// completed into processed media by <see cref="MediaService"/>.</summary>
public sealed class UploadService(MediaStore media, SecretHasher hasher, Clock clock, MediaUrls urls, UploadStaging staging)
{
    public const int MaxFilename = 255;

    public async Task<Result<UploadTicket>> CreateAsync(Guid agentId, CreateUpload request, CancellationToken ct)
    {
        var filename = request.Filename?.Trim() ?? "";
        if (filename.Length is 0 or > MaxFilename || filename.Any(char.IsControl))
        {
            return Error.Validation($"filename is required (1–{MaxFilename} printable characters).");
        }

        var contentType = request.ContentType?.Trim().ToLowerInvariant() ?? "";
        if (!MediaRules.NativeContentTypes.ContainsKey(contentType))
        {
            return new Error(ErrorCodes.UnsupportedMediaType, "content_type must be image/png, image/jpeg or image/webp.", 415);
        }

        if (request.SizeBytes is not { } size || size < 1)
        {
            return Error.Validation("size_bytes must be a positive integer.");
        }

        if (size > MediaRules.Native.MaxBytes)
        {
            return new Error(ErrorCodes.PayloadTooLarge, $"size_bytes must be at most {MediaRules.Native.MaxBytes}.", 413);
        }

        if (request.Checksum is { } checksum && ParseSha256(checksum) is null)
        {
            return Error.Validation("checksum must be a SHA-256 hex digest, optionally prefixed \"sha256:\".");
        }

        var now = clock.Now();
        var token = Secrets.New("upl_");
        var upload = new MediaUploadRecord
        {
            Id = clock.NewId(),
            AgentId = agentId,
            Filename = filename,
            ContentType = contentType,
            SizeBytes = size,
            Checksum = request.Checksum?.Trim(),
            TokenHash = hasher.Hash(token),
            Status = UploadStatus.Pending,
            ExpiresAt = now + MediaRules.UploadLifetime,
            CreatedAt = now,
        };
        await media.InsertUploadAsync(upload, ct);
        return new UploadTicket(upload, urls.UploadUrl(upload.Id, token), new Dictionary<string, string> { ["content-type"] = contentType });
    }

    /// <summary>Streams the PUT body to the staging file, never holding it in memory and never reading past
    /// the declared size. A body longer than declared is refused the moment it passes the size.</summary>
    public async Task<Result<MediaUploadRecord>> ReceiveAsync(Guid uploadId, string? token, Stream body, CancellationToken ct)
    {
        var upload = await media.GetUploadAsync(uploadId, ct);
        if (upload is null || token is null || !hasher.Matches(token, upload.TokenHash))
        {
            return Error.NotFound("Upload");
        }

        if (upload.Status == UploadStatus.Complete)
        {
            return Error.Conflict(ErrorCodes.ValidationError, "This upload is already complete.", "Start a new upload for new bytes.");
        }

        if (upload.ExpiresAt <= clock.Now())
        {
            return new Error(ErrorCodes.UploadExpired, "This upload URL has expired.", 410, "Create a new upload.");
        }

        var partial = staging.ScratchPath(upload.Id, "part");
        long received;
        byte[]? digest;
        try
        {
            (received, digest) = await CopyBoundedAsync(body, partial, upload.SizeBytes, ct);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        var mismatch = received > upload.SizeBytes
            ? new Error(ErrorCodes.PayloadTooLarge, $"The body is larger than the declared size_bytes ({upload.SizeBytes}).", 413)
            : received < upload.SizeBytes
                ? Error.Validation($"The body has {received} bytes but size_bytes declared {upload.SizeBytes}.")
                : upload.Checksum is { } checksum && !CryptographicOperations.FixedTimeEquals(ParseSha256(checksum), digest)
                    ? Error.Validation("The body does not match the declared checksum.")
                    : null;
        if (mismatch is not null)
        {
            File.Delete(partial);
            return mismatch;
        }

        await staging.KeepAsync(upload.Id, partial, ct);
        if (!await media.MarkUploadedAsync(upload.Id, received, ct))
        {
            await staging.DiscardAsync(upload.Id);
            return Error.Conflict(ErrorCodes.ValidationError, "This upload is already complete.");
        }

        return upload with { Status = UploadStatus.Uploaded, ReceivedBytes = received };
    }

    private static async Task<(long Received, byte[] Sha256)> CopyBoundedAsync(Stream body, string path, long limit, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return (total, []);
            }

            sha.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        return (total, sha.GetHashAndReset());
    }

    private static byte[]? ParseSha256(string checksum)
    {
        var hex = checksum.Trim();
        if (hex.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex["sha256:".Length..];
        }

        if (hex.Length != 64)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
