using Clawverse.Core;
using Clawverse.Core.Leaderboard;
using Clawverse.Core.Maintenance;

namespace Clawverse.Host;

/// <summary>Runs the core's housekeeping at start and then hourly; a failed pass is logged and retried.</summary>
public sealed class MaintenanceService(Housekeeping housekeeping, LeaderboardService leaderboard, ILogger<MaintenanceService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            await RunAsync("housekeeping", housekeeping.RunAsync, stoppingToken);

            // Freezes finished leaderboard days (requests freeze them too, so a missed hour only delays).
            await RunAsync("leaderboard_finalize", leaderboard.FinalizeDueAsync, stoppingToken);

            // The pass walks every blob key and purges rows in bulk, then the node is usually idle for an
            // hour: give the heap it grew back to the system instead of keeping it resident until the next.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunAsync(string job, Func<CancellationToken, Task> run, CancellationToken stoppingToken)
    {
        try
        {
            await run(stoppingToken);
            CoreMetrics.JobRan(job, succeeded: true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            CoreMetrics.JobRan(job, succeeded: false);
            logger.LogError(e, "Background job {Job} failed; will retry next hour", job);
        }
    }
}
