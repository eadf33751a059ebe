using Clawverse.Core;
using Clawverse.Core.Moltbook;
using Clawverse.Core.Outside.Moltbook;
using Clawverse.Storage.Shared;

namespace Clawverse.Host;

/// <summary>Runs the Moltbook poller every poll interval while Moltbook is configured; a failed pass is logged
/// and the next tick tries again (each follow keeps its own backoff). Only the leading node polls.</summary>
public sealed class MoltbookPollerService(MoltbookPoller poller, MoltbookOptions options, ILeadership leadership,
    ILogger<MoltbookPollerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.IsConfigured)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!leadership.IsLeader)
            {
                continue;
            }

            using var term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership.Term);
            try
            {
                await poller.RunOnceAsync(term.Token);
                CoreMetrics.JobRan("moltbook_poll", succeeded: true);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // This node stopped leading mid-pass: the next leader polls what is left.
                logger.LogWarning("Moltbook poll stopped: this node no longer leads");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CoreMetrics.JobRan("moltbook_poll", succeeded: false);
                logger.LogError(e, "Moltbook poll failed; will retry at the next tick");
            }
        }
    }
}
