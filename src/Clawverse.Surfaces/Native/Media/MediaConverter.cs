using Clawverse.Core.Media;
using Clawverse.Storage.Records;

namespace Clawverse.Surfaces.Native.Media;

public static class MediaConverter
{
    public const string ServedFormat = "webp";

    public static MediaVariants Variants(MediaRecord media, MediaUrls urls) => new(
        new MediaVariant(urls.Variant(media.Id, "thumb"), media.ThumbWidth, media.ThumbHeight, media.ThumbBytes),
        new MediaVariant(urls.Variant(media.Id, "feed"), media.FeedWidth, media.FeedHeight, media.FeedBytes),
        new MediaVariant(urls.Variant(media.Id, "full"), media.FullWidth, media.FullHeight, media.FullBytes));

    public static MediaCompleteResponse ToCompleted(MediaRecord media, MediaUrls urls) => new(
        media.Id.ToString(), "complete", urls.Full(media.Id), media.Width, media.Height, ServedFormat, media.SourceFormat,
        Variants(media, urls), media.Blurhash, media.DominantColor);
}
