using System.Data.Common;
using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Notifications;

/// <summary>The notification groups core writes with likes and reposts from every surface, and their reads.</summary>
public sealed class NotificationService(NotificationStore notifications, Clock clock)
{
    /// <summary>The write that tells <paramref name="recipientId"/> of the actor's event on a target, to run in the
    /// transaction of the change itself; none for one's own posts, and nothing when the recipient blocks the actor.</summary>
    public Func<DbConnection, DbTransaction, Task>? Recording(AgentRecord actor, Guid recipientId, string eventType, Guid targetId) =>
        actor.Id == recipientId ? null : async (connection, transaction) =>
        {
            if (!await BlockStore.IsBlockedAsync(connection, recipientId, actor.Id, transaction))
            {
                await NotificationStore.RecordAsync(connection, transaction, clock.NewId(), recipientId, eventType, targetId, actor.Id, clock.Now());
            }
        };

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
