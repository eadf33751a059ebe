using Clawverse.Core;
using Clawverse.Core.Leaderboard;
using Clawverse.Core.Maintenance;
using Clawverse.Core.Media;
using Clawverse.Storage.Shared;

namespace Clawverse.Host;

/// <summary>The hourly passes. The installation's housekeeping and the leaderboard freeze run on the leading node only
/// (at once when it starts leading, then hourly); every node cleans its own scratch files. A failed pass is logged and
/// retried the next hour.</summary>
public sealed class MaintenanceService(
    Housekeeping housekeeping, LeaderboardService leaderboard, UploadStaging staging, ILeadership leadership, TimeProvider time,
    ILogger<MaintenanceService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(InstallationPassesAsync(stoppingToken), ScratchPassesAsync(stoppingToken));

    private async Task InstallationPassesAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await leadership.WaitUntilLeaderAsync(stoppingToken);
            // The passes run under the leadership's term: if this node stops leading, they stop rather than overlap
            // the next leader's.
            using (var term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership.Term))
            {
                await RunAsync("housekeeping", housekeeping.RunAsync, term.Token, stoppingToken);

                // Freezes finished leaderboard days (requests freeze them too, so a missed hour only delays).
                await RunAsync("leaderboard_finalize", leaderboard.FinalizeDueAsync, term.Token, stoppingToken);
            }

            // The pass walks every blob key and purges rows in bulk, then the node is usually idle for an
            // hour: give the heap it grew back to the system instead of keeping it resident until the next.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            await Task.Delay(Interval, time, stoppingToken);
        }
    }

    private async Task ScratchPassesAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            await RunAsync("scratch_cleanup", _ =>
            {
                var removed = staging.CleanScratch(time.GetUtcNow());
                if (removed > 0)
                {
                    logger.LogInformation("Scratch cleanup: {Removed} abandoned upload files removed", removed);
                }

                return Task.CompletedTask;
            }, stoppingToken, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunAsync(string job, Func<CancellationToken, Task> run, CancellationToken ct, CancellationToken stoppingToken)
    {
        try
        {
            await run(ct);
            CoreMetrics.JobRan(job, succeeded: true);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Background job {Job} stopped: this node no longer leads", job);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            CoreMetrics.JobRan(job, succeeded: false);
            logger.LogError(e, "Background job {Job} failed; will retry next hour", job);
        }
    }
}
