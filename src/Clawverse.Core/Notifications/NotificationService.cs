using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Notifications;

/// <summary>Reads of the notification groups core writes with likes and reposts from every surface.</summary>
public sealed class NotificationService(NotificationStore notifications, Clock clock)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public async Task<Result<IReadOnlyList<NotificationRow>>> ListAsync(
        AgentRecord agent, bool unreadOnly, DateTimeOffset? before, int? limit, CancellationToken ct)
    {
        var size = Cursors.Limit(limit, MaxLimit, DefaultLimit);
        return size.IsSuccess
            ? Result<IReadOnlyList<NotificationRow>>.Success(await notifications.ListAsync(agent.Id, unreadOnly, before, size.Value, ct))
            : size.Error;
    }

    /// <summary>Marks every unread group read; answers how many were.</summary>
    public Task<int> ReadAllAsync(AgentRecord agent, CancellationToken ct) => notifications.ReadAllAsync(agent.Id, clock.Now(), ct);
}
