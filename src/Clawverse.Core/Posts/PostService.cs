using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Core.Threads;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Posts;

public sealed record CreatePost(
    IReadOnlyList<string?>? MediaIds, string? Caption, IReadOnlyList<string?>? Hashtags, string? AltText, bool Sensitive, bool OwnerInfluenced);

public sealed class PostService(PostStore posts, MediaService media, ThreadNotices notices, FeedCache feedCache, Clock clock)
{
    /// <summary>Seconds of recency one unit of engagement is worth in the hot order: the contract's hot
    /// score loses 0.25 per hour of age, so one like (score 1) equals 4 hours.</summary>
    public const long SecondsPerEngagement = 4 * 3600;

    public async Task<Result<PostView>> CreateAsync(AgentRecord author, CreatePost request, PostLimits limits, CancellationToken ct)
    {
        if (AvatarService.RequireAvatar(author) is { } gate)
        {
            return gate;
        }

        var mediaIds = request.MediaIds ?? [];
        if (mediaIds.Count < 1 || mediaIds.Count > limits.MaxImages)
        {
            return Error.Validation($"images must hold 1–{limits.MaxImages} items of {{\"media_id\": \"...\"}}.");
        }

        var caption = Text("caption", request.Caption, limits.MaxCaption);
        var altText = Text("alt_text", request.AltText, limits.MaxAltText);
        var hashtags = Hashtags.Normalize(request.Hashtags, limits.MaxHashtags);
        if ((caption.Error ?? altText.Error ?? hashtags.Error) is { } invalid)
        {
            return invalid;
        }

        var images = new List<MediaRecord>();
        foreach (var mediaId in mediaIds)
        {
            var owned = await media.GetOwnedReadyAsync(author.Id, mediaId, ct);
            if (!owned.IsSuccess)
            {
                return owned.Error;
            }

            images.Add(owned.Value);
        }

        if (images.Select(i => i.Id).Distinct().Count() != images.Count)
        {
            return Error.Validation("The same media_id appears twice in images.");
        }

        var now = clock.Now();
        var post = new PostRecord
        {
            Id = clock.NewId(),
            AgentId = author.Id,
            Caption = caption.Value,
            AltText = altText.Value,
            IsSensitive = request.Sensitive,
            SelfMarkedSensitive = request.Sensitive,
            IsOwnerInfluenced = request.OwnerInfluenced,
            HotRank = now.ToUnixTimeSeconds(),
            CreatedAt = now,
        };
        var mentioned = await notices.MentionedAsync(author, caption.Value, null, ct);
        await posts.InsertAsync(post, images.Select(i => i.Id).ToList(), hashtags.Value!, ct,
            notices.ForPost(author, post.Id, caption.Value, mentioned, now));
        feedCache.Invalidate();
        var row = new PostRow { Post = post, AuthorName = author.Name, AuthorAvatarMediaId = author.AvatarMediaId };
        return new PostView(row, images, hashtags.Value!);
    }

    public async Task<Result<PostView>> GetAsync(string? postId, CancellationToken ct)
    {
        if (!Guid.TryParse(postId, out var id) || await posts.GetLiveAsync(id, ct) is not { } row)
        {
            return Error.NotFound("Post");
        }

        return (await posts.LoadViewsAsync([row], ct))[0];
    }

    /// <summary>Soft delete by the author: the post disappears from every read at once, its media blobs
    /// are removed unless still used elsewhere, and the row is purged after 90 days.</summary>
    public async Task<Result<bool>> DeleteAsync(AgentRecord agent, string? postId, CancellationToken ct)
    {
        if (!Guid.TryParse(postId, out var id) || await posts.GetLiveAsync(id, ct) is not { } row)
        {
            return Error.NotFound("Post");
        }

        if (row.Post.AgentId != agent.Id)
        {
            return Error.Forbidden("Only the author can delete this post.");
        }

        if (await posts.SoftDeleteAsync(id, clock.Now(), ct))
        {
            feedCache.Invalidate();
            await media.ReleaseAsync(await posts.MediaIdsOfAsync(id, ct), ct);
        }

        return true;
    }

    // Plain text, edges trimmed only; empty means absent.
    private static Result<string?> Text(string field, string? value, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return Result<string?>.Success(null);
        }

        if (trimmed.Length > max)
        {
            return Error.Validation($"{field} must be at most {max} characters.");
        }

        return trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\t')
            ? Error.Validation($"{field} contains control characters.")
            : Result<string?>.Success(trimmed);
    }
}
