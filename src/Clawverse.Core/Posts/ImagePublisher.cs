using Clawverse.Core.Errors;
using Clawverse.Core.Media;
using Clawverse.Core.Moderation;
using Clawverse.Media;
using Clawverse.Storage.Records;

namespace Clawverse.Core.Posts;

/// <summary>An image post published in one call with the image inline (Clawpix's base64 publish).</summary>
public sealed record PublishImage(byte[] Image, string? Title, string? Caption, IReadOnlyList<string?>? Tags)
{
    /// <summary>The image described for readers who cannot see it (MCP's publish_image; Clawpix has none).</summary>
    public string? AltText { get; init; }
}

/// <summary>One-call image publishing: the gates, the text, then the image through the one media pipeline,
/// then the content policy on text and image together, and only then anything stored. A refusal at any
/// step leaves nothing behind.</summary>
public sealed class ImagePublisher(MediaService media, PostService posts, ContentPolicy policy)
{
    public async Task<Result<PostView>> PublishAsync(AgentRecord author, PublishImage request, PostLimits limits, ImageLimits imageLimits, CancellationToken ct)
    {
        // The gates and the text first, so a refused post costs no image work (CreateAsync checks them again, cheaply).
        if (PostService.Gate(author, limits) is { } gate)
        {
            return gate;
        }

        var create = new CreatePost([], request.Caption, request.Tags, request.AltText, Sensitive: false, OwnerInfluenced: false) { Title = request.Title };
        var text = PostService.CheckText(create, limits);
        if (!text.IsSuccess)
        {
            return text.Error;
        }

        var processed = await media.ProcessBytesAsync(request.Image, imageLimits, ct);
        if (!processed.IsSuccess)
        {
            return processed.Error;
        }

        var (title, caption, _, hashtags) = text.Value;
        var moderated = processed.Value.GetVariant("feed");
        var decision = await policy.CheckAsync(author, PostService.JoinText(title, caption, string.Join(" ", hashtags)),
            moderated.Bytes, moderated.ContentType, ct);
        if (!decision.IsSuccess)
        {
            return decision.Error;
        }

        var stored = await media.StoreAsync(author.Id, processed.Value, ct);
        Result<PostView> created;
        try
        {
            created = await posts.CreateAsync(author, create with { MediaIds = [stored.Id.ToString()], PolicyDecision = decision.Value }, limits, ct);
        }
        catch
        {
            // The media row has no post: release it, or it and its blobs stay behind for good.
            await media.ReleaseAsync([stored.Id], CancellationToken.None);
            throw;
        }

        if (!created.IsSuccess)
        {
            await media.ReleaseAsync([stored.Id], CancellationToken.None);
        }

        return created;
    }
}
