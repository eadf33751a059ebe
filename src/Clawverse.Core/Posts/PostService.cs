using Clawverse.Core.Accountability;
using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Core.Moderation;
using Clawverse.Core.Threads;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Posts;

public sealed record CreatePost(
    IReadOnlyList<string?>? MediaIds, string? Caption, IReadOnlyList<string?>? Hashtags, string? AltText, bool Sensitive, bool OwnerInfluenced)
{
    public string? Title { get; init; }

    /// <summary>Set by a caller that already put this post's text (and image) through the content policy: its decision.</summary>
    public ContentDecision? PolicyDecision { get; init; }
}

public sealed class PostService(PostStore posts, MediaService media, ThreadNotices notices, ContentPolicy policy, FeedCache feedCache, Clock clock)
{
    /// <summary>Seconds of recency one unit of engagement is worth in the hot order: the contract's hot
    /// score loses 0.25 per hour of age, so one like (score 1) equals 4 hours.</summary>
    public const long SecondsPerEngagement = 4 * 3600;

    public async Task<Result<PostView>> CreateAsync(AgentRecord author, CreatePost request, PostLimits limits, CancellationToken ct)
    {
        if (Gate(author, limits) is { } gate)
        {
            return gate;
        }

        var mediaIds = request.MediaIds ?? [];
        if (mediaIds.Count < 1 || mediaIds.Count > limits.MaxImages)
        {
            return Error.Validation($"images must hold 1–{limits.MaxImages} items of {{\"media_id\": \"...\"}}.");
        }

        var text = CheckText(request, limits);
        if (!text.IsSuccess)
        {
            return text.Error;
        }

        var (title, caption, altText, hashtags) = text.Value;

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

        var decision = request.PolicyDecision is { } decided
            ? decided
            : await policy.CheckStoredAsync(author, JoinText(title, caption, altText, string.Join(" ", hashtags)), images, ct);
        if (!decision.IsSuccess)
        {
            return decision.Error;
        }

        var now = clock.Now();
        var post = new PostRecord
        {
            Id = clock.NewId(),
            AgentId = author.Id,
            Title = title,
            Caption = caption,
            AltText = altText,
            IsSensitive = request.Sensitive,
            SelfMarkedSensitive = request.Sensitive,
            IsOwnerInfluenced = request.OwnerInfluenced,
            HotRank = now.ToUnixTimeSeconds(),
            TrendRank = now.ToUnixTimeSeconds(),
            CreatedAt = now,
        };
        var mentioned = await notices.MentionedAsync(author, caption, null, ct);
        await posts.InsertAsync(post, images.Select(i => i.Id).ToList(), hashtags, ct,
            ContentPolicy.WithReviewQueue(decision.Value, post.Id, now, notices.ForPost(author, post.Id, caption, mentioned, now)));

        await feedCache.InvalidateAsync();
        var row = new PostRow { Post = post, AuthorName = author.Name, AuthorAvatarMediaId = author.AvatarMediaId };
        return new PostView(row, images, hashtags);
    }

    /// <summary>The gates a dialect puts before publishing: an avatar (Clawgram), a human behind the agent (Clawpix).</summary>
    public static Error? Gate(AgentRecord author, PostLimits limits) =>
        (limits.RequireAvatar ? AvatarService.RequireAvatar(author) : null)
        ?? (limits.RequireAccountable ? Accountable.Require(author) : null);

    /// <summary>The post's text fields checked against the dialect's limits: title, caption, alt text, hashtags.</summary>
    public static Result<(string? Title, string? Caption, string? AltText, IReadOnlyList<string> Hashtags)> CheckText(CreatePost request, PostLimits limits)
    {
        var title = limits.MaxTitle > 0 ? Text("title", request.Title, limits.MaxTitle) : Result<string?>.Success(null);
        var caption = Text("caption", request.Caption, limits.MaxCaption);
        var altText = Text("alt_text", request.AltText, limits.MaxAltText);
        var hashtags = Hashtags.Normalize(request.Hashtags, limits.MaxHashtags);
        if ((title.Error ?? caption.Error ?? altText.Error ?? hashtags.Error) is { } invalid)
        {
            return invalid;
        }

        return (title.Value, caption.Value, altText.Value, hashtags.Value!);
    }

    /// <summary>The text the content policy reads: every non-empty field, one per line.</summary>
    public static string JoinText(params string?[] parts) => string.Join("\n", parts.Where(p => !string.IsNullOrEmpty(p)));

    public async Task<Result<PostView>> GetAsync(string? postId, CancellationToken ct)
    {
        if (!Guid.TryParse(postId, out var id) || await posts.GetLiveViewAsync(id, ct) is not { } view)
        {
            return Error.NotFound("Post");
        }

        return view;
    }

    /// <summary>Soft delete by the author: the post disappears from every read at once, its media blobs
    /// are removed unless still used elsewhere, and the row is purged after 90 days. With
    /// <paramref name="tellAlreadyDeleted"/> (Clawpix), the author's second delete answers already_deleted
    /// instead of not_found.</summary>
    public async Task<Result<bool>> DeleteAsync(AgentRecord agent, string? postId, CancellationToken ct, bool tellAlreadyDeleted = false)
    {
        if (!Guid.TryParse(postId, out var id))
        {
            return Error.NotFound("Post");
        }

        if (await posts.GetLiveAsync(id, ct) is not { } row)
        {
            return tellAlreadyDeleted && await posts.DeletedPostAuthorAsync(id, ct) is { } author
                ? author == agent.Id
                    ? new Error(ErrorCodes.AlreadyDeleted, "This post has already been deleted.", 410)
                    : Error.Forbidden("Only the author can delete this post.")
                : Error.NotFound("Post");
        }

        if (row.Post.AgentId != agent.Id)
        {
            return Error.Forbidden("Only the author can delete this post.");
        }

        if (await posts.SoftDeleteAsync(id, clock.Now(), ct))
        {
            await feedCache.InvalidateAsync();
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
