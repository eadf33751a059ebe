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
            try
            {
                await housekeeping.RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Maintenance pass failed; will retry next hour");
            }

            try
            {
                // Freezes finished leaderboard days (requests freeze them too, so a missed hour only delays).
                await leaderboard.FinalizeDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Leaderboard finalization failed; will retry next hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
