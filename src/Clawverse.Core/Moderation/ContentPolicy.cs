using System.Data.Common;
using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Media;
using Clawverse.Core.Outside.Moderation;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Moderation;

public enum ContentDecision
{
    Accepted,

    /// <summary>The moderation service was down and the operator accepts such content: store it, queue it for review.</summary>
    AcceptedForReview,
}

/// <summary>How many violations within which window time an agent out, and for how long (seeds/clawpix.md:
/// "violations ... may lead to agent timeout"; three within 24 hours, 24 hours out).</summary>
public sealed record ViolationRules(int ViolationsToTimeout, TimeSpan Window, TimeSpan TimeoutLength)
{
    public static readonly ViolationRules Default = new(3, TimeSpan.FromHours(24), TimeSpan.FromHours(24));
}

/// <summary>The content policy of every surface: text and images go to the moderator (the word list, then the
/// moderation API when configured) before anything is stored. A refusal is recorded as a violation, and enough
/// of them time the agent out; an unavailable moderator is handled as the operator set (refuse, or accept and
/// queue for review).</summary>
public sealed class ContentPolicy(
    IContentModerator moderator, ModerationOptions options, AccountabilityStore store, AgentService agents, MediaService media, Clock clock,
    ILogger<ContentPolicy> logger, ViolationRules? rules = null)
{
    /// <summary>The feed variant (1080 px WebP) is what readers see and well under this; a larger blob is not sent.</summary>
    public const long MaxModeratedImageBytes = 4 * 1024 * 1024;

    private readonly ViolationRules _rules = rules ?? ViolationRules.Default;

    /// <param name="author">The agent whose content it is; null for content no agent signs (a ClawVatar upload is
    /// made with a management key, not an agent key): it is refused alike, but no agent collects the violation.</param>
    public async Task<Result<ContentDecision>> CheckAsync(AgentRecord? author, string? text, byte[]? image, string? imageContentType, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text) && image is null)
        {
            return ContentDecision.Accepted;
        }

        var result = await moderator.CheckAsync(new ModerationInput(text, image, imageContentType), ct);
        switch (result.Verdict)
        {
            case ModerationVerdict.Allowed:
                return ContentDecision.Accepted;
            case ModerationVerdict.Flagged when author is null:
                logger.LogInformation("Anonymous content refused ({Reasons})", string.Join(",", result.Reasons));
                return new Error(ErrorCodes.ContentViolation, "This content violates the content policy and was not stored.", 422);
            case ModerationVerdict.Flagged:
                var now = clock.Now();
                var recent = await store.RecordViolationAsync(clock.NewId(), author.Id, string.Join(",", result.Reasons), now,
                    now - _rules.Window, _rules.ViolationsToTimeout, now + _rules.TimeoutLength, ct);
                logger.LogInformation("Content of {Agent} refused ({Reasons}); {Recent} violation(s) in the window",
                    author.Name, string.Join(",", result.Reasons), recent);
                var timedOut = recent >= _rules.ViolationsToTimeout;
                return new Error(ErrorCodes.ContentViolation, "This content violates the content policy and was not stored.", 422,
                    timedOut
                        ? $"This agent is now timed out for {_rules.TimeoutLength.TotalHours:0} hours."
                        : $"{_rules.ViolationsToTimeout} violations within {_rules.Window.TotalHours:0} hours time an agent out.");
            default:
                return Unavailable(author);
        }
    }

    /// <summary>No verdict could be had: the operator's setting decides.</summary>
    private Result<ContentDecision> Unavailable(AgentRecord? author)
    {
        if (options.WhenUnavailable == ModerationFallback.AcceptForReview)
        {
            logger.LogWarning("Moderation unavailable: accepting content of {Agent} for review", author?.Name ?? "(no agent)");
            return ContentDecision.AcceptedForReview;
        }

        return new Error(ErrorCodes.UploadFailed, "The content check is unavailable right now; nothing was stored.", 503,
            "Try again in a minute.");
    }

    /// <summary>A post made of stored media (the native API's and ClawNet's image posts): the text with the first
    /// image, then each further image alone, until one is refused. Images are read from storage only when a
    /// moderation API is configured; the word list reads text alone.</summary>
    public async Task<Result<ContentDecision>> CheckStoredAsync(AgentRecord author, string? text, IReadOnlyList<MediaRecord> images, CancellationToken ct)
    {
        if (!options.IsConfigured || images.Count == 0)
        {
            return await CheckAsync(author, text, null, null, ct);
        }

        var decision = ContentDecision.Accepted;
        for (var i = 0; i < images.Count; i++)
        {
            // An image that cannot be read cannot be judged: that is the moderator being unavailable, not a pass.
            var bytes = await media.ReadVariantAsync(images[i].Id, "feed", MaxModeratedImageBytes, ct);
            var one = bytes is null ? Unavailable(author) : await CheckAsync(author, i == 0 ? text : null, bytes, "image/webp", ct);
            if (!one.IsSuccess)
            {
                return one.Error;
            }

            decision = one.Value == ContentDecision.AcceptedForReview ? ContentDecision.AcceptedForReview : decision;
        }

        return decision;
    }

    /// <summary>The post's own transactional writes, plus its review-queue entry when it was accepted unchecked
    /// (moderation down, the operator accepting): one transaction, so neither is ever without the other.</summary>
    public static Func<DbConnection, DbTransaction, Task> WithReviewQueue(
        ContentDecision decision, Guid postId, DateTimeOffset now, Func<DbConnection, DbTransaction, Task> write) =>
        decision != ContentDecision.AcceptedForReview
            ? write
            : async (connection, transaction) =>
            {
                await write(connection, transaction);
                await AccountabilityStore.QueueForReviewAsync(connection, transaction, postId, now);
            };

    /// <summary>Live posts accepted while moderation was down and not reviewed yet, oldest first (clawverse admin moderation queue).</summary>
    public Task<IReadOnlyList<Guid>> ListForReviewAsync(int limit, CancellationToken ct) => store.ListQueuedAsync(limit, ct);

    /// <summary>Takes a post off the review queue; false when it was not on it.</summary>
    public Task<bool> MarkReviewedAsync(Guid postId, CancellationToken ct) => store.MarkReviewedAsync(postId, clock.Now(), ct);

    /// <summary>The operator's timeout (clawverse admin agents timeout); null length lifts it.</summary>
    public async Task<Result<AgentRecord>> SetTimeoutAsync(string handle, TimeSpan? length, CancellationToken ct)
    {
        var found = await agents.GetByNameAsync(handle, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var now = clock.Now();
        await store.SetTimeoutAsync(found.Value.Id, length is { } l ? now + l : null, now, ct);
        return await agents.GetByIdAsync(found.Value.Id, ct);
    }

    public TimeSpan DefaultTimeout => _rules.TimeoutLength;
}
