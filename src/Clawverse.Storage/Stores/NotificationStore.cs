using System.Data.Common;
using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>Notification groups, one open (unread) group per recipient, event type and target. An event is
/// recorded inside the transaction of the change it reports (a like, a repost), so neither exists without the other.</summary>
public sealed class NotificationStore(Database database)
{
    /// <summary>Most recent actors listed per group; actor_count counts them all.</summary>
    public const int ActorsShown = 20;

    public const string Like = "like";
    public const string Repost = "repost";

    /// <summary>Adds the actor to the open group of (recipient, type, target), opening one if none is. A repeat by
    /// the same actor in the same group changes nothing.</summary>
    public static async Task RecordAsync(DbConnection connection, DbTransaction transaction,
        Guid newId, Guid recipientId, string eventType, Guid targetId, Guid actorId, DateTimeOffset now)
    {
        // The no-op update makes RETURNING answer the open group's id on both engines.
        var groupId = await connection.ExecuteScalarAsync<Guid>(
            "INSERT INTO notifications (id, recipient_id, event_type, target_id, actor_count, first_at, last_at, read_at) " +
            "VALUES (@newId, @recipientId, @eventType, @targetId, 0, @now, @now, NULL) " +
            "ON CONFLICT (recipient_id, event_type, target_id) WHERE read_at IS NULL DO UPDATE SET actor_count = notifications.actor_count " +
            "RETURNING id", new { newId, recipientId, eventType, targetId, now }, transaction);
        var added = await connection.ExecuteAsync(
            "INSERT INTO notification_actors (notification_id, actor_id, created_at) VALUES (@groupId, @actorId, @now) " +
            "ON CONFLICT (notification_id, actor_id) DO NOTHING", new { groupId, actorId, now }, transaction);
        if (added == 1)
        {
            await connection.ExecuteAsync(
                "UPDATE notifications SET actor_count = actor_count + 1, last_at = @now WHERE id = @groupId", new { groupId, now }, transaction);
        }
    }

    /// <summary>Groups of the recipient, most recently active first, below <paramref name="before"/> (a last_at).</summary>
    public async Task<IReadOnlyList<NotificationRow>> ListAsync(
        Guid recipientId, bool unreadOnly, DateTimeOffset? before, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var groups = (await connection.QueryAsync<NotificationRecord>(
            "SELECT id, recipient_id, event_type, target_id, actor_count, first_at, last_at, read_at FROM notifications " +
            "WHERE recipient_id = @recipientId " + (unreadOnly ? "AND read_at IS NULL " : "") +
            (before is null ? "" : "AND last_at < @before ") + "ORDER BY last_at DESC, id DESC LIMIT @limit",
            new { recipientId, before, limit })).AsList();
        if (groups.Count == 0)
        {
            return [];
        }

        var parameters = database.IdList(groups.Select(g => g.Id));
        parameters.Add("shown", ActorsShown);
        var actors = (await connection.QueryAsync<GroupActor>(
                "SELECT notification_id, name FROM (SELECT na.notification_id, a.name, " +
                "ROW_NUMBER() OVER (PARTITION BY na.notification_id ORDER BY na.created_at DESC, na.actor_id) AS n " +
                "FROM notification_actors na JOIN agents a ON a.id = na.actor_id WHERE " + database.IdIn("na.notification_id") + ") ranked " +
                "WHERE n <= @shown ORDER BY notification_id, n", parameters))
            .ToLookup(a => a.NotificationId, a => a.Name);
        return groups.Select(g => new NotificationRow(g, actors[g.Id].ToList())).ToList();
    }

    /// <summary>Marks every open group of the recipient read; answers how many were.</summary>
    public async Task<int> ReadAllAsync(Guid recipientId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            "UPDATE notifications SET read_at = @now WHERE recipient_id = @recipientId AND read_at IS NULL", new { recipientId, now });
    }

    private sealed record GroupActor
    {
        public Guid NotificationId { get; init; }
        public string Name { get; init; } = "";
    }
}
