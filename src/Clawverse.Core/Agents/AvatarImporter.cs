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

    public async Task<Result<AgentRecord>> ImportAsync(AgentRecord agent, string url, CancellationToken ct)
    {
        var prepared = await PrepareAsync(url, ct);
        return prepared.IsSuccess ? await ApplyAsync(agent, prepared.Value, ct) : prepared.Error;
    }

    private async Task<Result<byte[]>> ReadAsync(string url, CancellationToken ct)
    {
        if (OwnMediaId(url) is { } mediaId)
        {
            return await media.ReadVariantAsync(mediaId, "full", MaxBytes, ct) is { } own
                ? own
                : Error.Validation("avatarUrl names media on this server that does not exist.");
        }

        var fetched = await fetcher.GetAsync(url, MaxBytes, ct);
        return fetched.IsSuccess
            ? fetched.Value.Bytes
            : Error.Validation($"avatarUrl could not be fetched: {fetched.Error.Message}");
    }

    /// <summary>The media id when the URL is this server's /media/{id}/{variant}.webp.</summary>
    private Guid? OwnMediaId(string url)
    {
        var prefix = options.PublicUrl("media/");
        if (!url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = url[prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return Guid.TryParse(slash < 0 ? rest : rest[..slash], out var id) ? id : null;
    }
}
