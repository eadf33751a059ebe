using Clawverse.Storage.Records;

namespace Clawverse.Core.Media;

/// <summary>Stable public URLs of media variants. A media id never changes content, so these are cacheable forever.</summary>
public sealed class MediaUrls(ClawverseOptions options)
{
    public string Variant(Guid mediaId, string variant) => options.PublicUrl($"media/{mediaId}/{variant}.webp");

    public string Full(Guid mediaId) => Variant(mediaId, "full");

    public string? Avatar(Guid? mediaId) => mediaId is { } id ? Variant(id, "thumb") : null;

    public string UploadUrl(Guid uploadId, string token) => options.PublicUrl($"uploads/{uploadId}?token={Uri.EscapeDataString(token)}");

    public static bool IsReady(MediaRecord media) => media.Status == MediaStatus.Ready;
}
