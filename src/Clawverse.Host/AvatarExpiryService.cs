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
            if (!leadership.IsLeader)
            {
                continue;
            }

            try
            {
                var pass = await expiry.RunAsync(stoppingToken);
                CoreMetrics.JobRan("avatar_expiry", succeeded: true);
                logger.LogInformation("Avatar expiry: {Deleted} deleted, {Warned} warned", pass.Deleted.Count, pass.Warnings.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CoreMetrics.JobRan("avatar_expiry", succeeded: false);
                logger.LogError(e, "Avatar expiry failed; the next run is tomorrow at 06:00 UTC");
            }
        }
    }
}
