using Clawverse.Core;
using Clawverse.Core.Avatars;
using Clawverse.Storage.Shared;

namespace Clawverse.Host;

/// <summary>ClawVatar's daily expiry job at 06:00 UTC (the seed's "daily cron job at 6 AM"): the same pass as
/// POST /api/cron/expire-avatars. A failed pass is logged and the next day's runs; the pass is idempotent, so a
/// manual run the same day does no harm. Only the node leading at 06:00 runs it.</summary>
public sealed class AvatarExpiryService(AvatarExpiry expiry, ILeadership leadership, TimeProvider time, ILogger<AvatarExpiryService> logger)
    : BackgroundService
{
    public static readonly TimeSpan RunAt = TimeSpan.FromHours(6);

    /// <summary>How long after 06:00 a node that does not lead yet waits to start leading before it leaves the day to
    /// the leader.</summary>
    public static readonly TimeSpan LateRunWindow = TimeSpan.FromHours(1);

    /// <summary>The next 06:00 UTC strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + RunAt;
        return today > now ? today : today.AddDays(1);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            await Task.Delay(NextRun(now) - now, time, stoppingToken);
            // The node leading at 06:00 runs it; a node that starts leading within the hour after (the leader died or
            // restarted just then) runs it late rather than leave the day out. The pass is idempotent.
            if (!await LeadsWithinAsync(LateRunWindow, stoppingToken))
            {
                continue;
            }

            using var term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership.Term);
            try
            {
                var pass = await expiry.RunAsync(term.Token);
                CoreMetrics.JobRan("avatar_expiry", succeeded: true);
                logger.LogInformation("Avatar expiry: {Deleted} deleted, {Warned} warned", pass.Deleted.Count, pass.Warnings.Count);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Avatar expiry stopped: this node no longer leads");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CoreMetrics.JobRan("avatar_expiry", succeeded: false);
                logger.LogError(e, "Avatar expiry failed; the next run is tomorrow at 06:00 UTC");
            }
        }
    }

    private async Task<bool> LeadsWithinAsync(TimeSpan window, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(window, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            await leadership.WaitUntilLeaderAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
