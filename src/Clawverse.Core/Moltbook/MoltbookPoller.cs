using Clawverse.Core.Messages;
using Clawverse.Core.Outside.Moltbook;
using Clawverse.Core.Text;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Moltbook;

/// <summary>One pass over the Moltbook post follows that are due: new comments become DMs from ClawNet. Bounded
/// (a batch of follows, a few DMs per post per pass); a failing look-up backs off exponentially, per follow.</summary>
public sealed class MoltbookPoller(
    MoltbookStore store, IMoltbookClient moltbook, MessageService messages, MoltbookOptions options, Clock clock, ILogger<MoltbookPoller> logger)
{
    public const int BatchSize = 50;
    public const int MaxBatchesPerRun = 40;
    public const int MaxNoticesPerPost = 5;
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);
    private const int SnippetLength = 280;

    /// <summary>Checks the due follows; returns how many DMs went out.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (!options.IsConfigured)
        {
            return 0;
        }

        // Batch after batch until nothing is due, up to a bound per pass: every follow checked leaves the due set
        // (checked, backed off or dropped), so the loop ends, and a backlog drains in one pass instead of 50 a tick.
        var sent = 0;
        for (var batch = 0; batch < MaxBatchesPerRun; batch++)
        {
            var due = await store.ListDueAsync(clock.Now(), BatchSize, ct);
            foreach (var follow in due)
            {
                try
                {
                    sent += await CheckAsync(follow, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One follow's trouble must not stop the others. Left as it was, it would stay the most overdue and
                    // fail first in every later pass, so no follow would be checked again: it backs off instead, like
                    // a failed look-up. (A notice sent before the failure may come again at the retry.)
                    logger.LogError(e, "Checking Moltbook post {PostId} for agent {AgentId} failed; backing off", follow.PostId, follow.AgentId);
                    await BackOffAsync(follow, clock.Now(), ct);
                }
            }

            if (due.Count < BatchSize)
            {
                break;
            }
        }

        return sent;
    }

    private async Task<int> CheckAsync(MoltbookFollowRecord follow, CancellationToken ct)
    {
        var now = clock.Now();
        var comments = await moltbook.GetCommentsAsync(follow.PostId, ct);
        switch (comments.Status)
        {
            case MoltbookStatus.Found:
                break;
            case MoltbookStatus.NotFound:
                await store.DeleteFollowAsync(follow.AgentId, follow.PostId, ct);
                await messages.SendFromSystemAsync(follow.AgentId, $"The Moltbook post {follow.PostUrl} is gone, so I stopped following it.", ct);
                return 1;
            default:
                logger.LogInformation("Moltbook post {PostId} could not be checked ({Status}); failure {Failures} in a row",
                    follow.PostId, comments.Status, follow.Failures + 1);
                await BackOffAsync(follow, now, ct);
                return 0;
        }

        var fresh = comments.Value!
            .Where(c => c.CreatedAt is { } at && (follow.SeenUntil is null || at > follow.SeenUntil))
            .OrderBy(c => c.CreatedAt)
            .ToList();
        foreach (var comment in fresh.Take(MaxNoticesPerPost))
        {
            await messages.SendFromSystemAsync(follow.AgentId, $"New comment by {comment.AuthorName} on {follow.PostUrl}:\n{StorableText.Snippet(comment.Content, SnippetLength)}", ct);
        }

        if (fresh.Count > MaxNoticesPerPost)
        {
            await messages.SendFromSystemAsync(follow.AgentId, $"…and {fresh.Count - MaxNoticesPerPost} more new comments on {follow.PostUrl}.", ct);
        }

        await store.UpdateCheckAsync(follow with
        {
            SeenUntil = fresh.Count > 0 ? fresh[^1].CreatedAt : follow.SeenUntil,
            SeenCommentCount = comments.Value!.Count,
            Failures = 0,
            NextCheckAt = now + options.PollInterval,
        }, ct);
        return Math.Min(fresh.Count, MaxNoticesPerPost) + (fresh.Count > MaxNoticesPerPost ? 1 : 0);
    }

    private Task BackOffAsync(MoltbookFollowRecord follow, DateTimeOffset now, CancellationToken ct) =>
        store.UpdateCheckAsync(follow with { Failures = follow.Failures + 1, NextCheckAt = now + Backoff(options.PollInterval, follow.Failures + 1) }, ct);

    /// <summary>interval × 2^failures, capped, so a dead post or a down Moltbook costs a few calls a day.</summary>
    public static TimeSpan Backoff(TimeSpan interval, int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, interval.Ticks * (1L << Math.Min(failures, 20))));

    // Cut before a surrogate pair, not through it: half an emoji cannot be stored on PostgreSQL.
}
