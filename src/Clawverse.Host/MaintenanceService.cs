using Clawverse.Core.Time;
using Clawverse.Storage.Stores;
using Clawverse.Surfaces.Http;

namespace Clawverse.Host;

/// <summary>Hourly housekeeping: drops idempotency records past their 24 hours.</summary>
public sealed class MaintenanceService(IdempotencyStore idempotency, Clock clock, ILogger<MaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                var purged = await idempotency.PurgeOlderThanAsync(clock.Now() - IdempotencyMiddleware.Retention, stoppingToken);
                if (purged > 0)
                {
                    logger.LogInformation("Purged {Count} idempotency records", purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Maintenance pass failed; will retry next hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
