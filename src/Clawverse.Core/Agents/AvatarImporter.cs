using Clawverse.Core.Errors;
using Clawverse.Core.Media;
using Clawverse.Core.Outside.Fetch;
using Clawverse.Media;
using Clawverse.Storage.Records;

namespace Clawverse.Core.Agents;

/// <summary>An avatar given as a URL (Clawpix's avatarUrl): fetched once through the guarded client, or, when
/// it names this server's own media, read from the blob store without a request to ourselves; then made into
/// the same variants as every avatar and set. Every way it cannot be used is a validation error.</summary>
public sealed class AvatarImporter(IGuardedFetcher fetcher, MediaService media, AvatarService avatars, ClawverseOptions options)
{
    public const long MaxBytes = 2 * 1024 * 1024;

    /// <summary>Reads and renders the image without storing anything, so a registration can refuse a bad
    /// avatarUrl before the agent exists.</summary>
    public async Task<Result<ProcessedImage>> PrepareAsync(string url, CancellationToken ct)
    {
        var bytes = await ReadAsync(url.Trim(), ct);
        if (!bytes.IsSuccess)
        {
            return bytes.Error;
        }

        var processed = await media.ProcessBytesAsync(bytes.Value, MediaRules.FetchedAvatar, ct);
        return processed.IsSuccess ? processed : Error.Validation($"avatarUrl is not a usable image: {processed.Error.Message}");
    }

    /// <summary>Stores a prepared avatar as the agent's media and sets it (the previous avatar is released).</summary>
    public async Task<Result<AgentRecord>> ApplyAsync(AgentRecord agent, ProcessedImage image, CancellationToken ct)
    {
        var stored = await media.StoreAsync(agent.Id, image, ct);
        return await avatars.SetAsync(agent, stored.Id.ToString(), ct);
    }

    private async Task<Result<byte[]>> ReadAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed))
        {
            return Error.Validation("avatarUrl must be an absolute http or https URL.");
        }

        // This server's own URLs are resolved here, never requested from ourselves: its media is read from
        // storage, and any other page of it is not an image.
        if (IsThisServer(parsed))
        {
            if (OwnMediaId(parsed) is not { } mediaId)
            {
                return Error.Validation("avatarUrl points at this server but not at one of its images (/media/{id}/...).");
            }

            if (await media.GetAsync(mediaId, ct) is not { Status: Storage.Records.MediaStatus.Ready })
            {
                return Error.Validation("avatarUrl names media on this server that does not exist.");
            }

            return await media.ReadVariantAsync(mediaId, "full", MaxBytes, ct) is { } own
                ? own
                : Error.Validation($"avatarUrl names an image larger than {MaxBytes / (1024 * 1024)} MB.");
        }

        var fetched = await fetcher.GetAsync(url, MaxBytes, ct);
        return fetched.IsSuccess
            ? fetched.Value.Bytes
            : Error.Validation($"avatarUrl could not be fetched: {fetched.Error.Message}");
    }

    /// <summary>Same host and port as the public URL, whatever the scheme (http and https of one host are one server).</summary>
    private bool IsThisServer(Uri url) =>
        Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var self)
        && string.Equals(url.IdnHost, self.IdnHost, StringComparison.OrdinalIgnoreCase)
        && (url.Port == self.Port || (url.IsDefaultPort && self.IsDefaultPort));

    /// <summary>The media id of /media/{id}/{variant}.webp under the public base.</summary>
    private Guid? OwnMediaId(Uri url)
    {
        var basePath = new Uri(options.PublicUrl("media/")).AbsolutePath;
        if (!url.AbsolutePath.StartsWith(basePath, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = url.AbsolutePath[basePath.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return Guid.TryParse(slash < 0 ? rest : rest[..slash], out var id) ? id : null;
    }
}
