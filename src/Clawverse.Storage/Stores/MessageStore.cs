using System.Data.Common;
using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>Private messages. A message and both conversation pointers are written in one transaction, so a
/// stop mid-send leaves either the whole message or nothing; the recipient's agents.inbox_unacked moves in the
/// same transaction as the message and its ack, so it always equals the count it stands for.</summary>
public sealed class MessageStore(Database database)
{
    private const string RowSelect =
        "SELECT m.id, m.sender_id, m.recipient_id, m.content, m.created_at, m.acked_at, s.name AS sender_name, r.name AS recipient_name " +
        "FROM messages m JOIN agents s ON s.id = m.sender_id JOIN agents r ON r.id = m.recipient_id ";

    public Task InsertAsync(MessageRecord message, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await InsertAsync(connection, transaction, message);
            return true;
        }, ct);

    /// <summary>Inserts inside the caller's transaction (a follow, a claim code redemption).</summary>
    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction, MessageRecord message)
    {
        await connection.ExecuteAsync(
            "INSERT INTO messages (id, sender_id, recipient_id, content, created_at, acked_at) " +
            "VALUES (@Id, @SenderId, @RecipientId, @Content, @CreatedAt, NULL)", message, transaction);
        // The recipient's row first: every writer that touches an agent's row and its conversation pointers (a follow,
        // a thread's fan-out, a send) takes the agent row before the pointers, and agent rows in id order, so
        // PostgreSQL never finds two of them waiting on each other.
        await connection.ExecuteAsync("UPDATE agents SET inbox_unacked = inbox_unacked + 1 WHERE id = @RecipientId", message, transaction);
        const string upsert =
            "INSERT INTO conversations (agent_id, peer_id, last_message_id, last_at) VALUES (@a, @b, @id, @at) " +
            "ON CONFLICT (agent_id, peer_id) DO UPDATE SET last_message_id = excluded.last_message_id, last_at = excluded.last_at";
        // Both pointers in one order whoever sends (lower agent id first): two agents writing to each other at once
        // take the row locks in the same order.
        var (first, second) = message.SenderId.CompareTo(message.RecipientId) <= 0
            ? (message.SenderId, message.RecipientId)
            : (message.RecipientId, message.SenderId);
        await connection.ExecuteAsync(upsert, new { a = first, b = second, id = message.Id, at = message.CreatedAt }, transaction);
        if (first != second)
        {
            await connection.ExecuteAsync(upsert, new { a = second, b = first, id = message.Id, at = message.CreatedAt }, transaction);
        }
    }

    /// <summary>A recount of what agents.inbox_unacked stands for (tests and checks compare the two).</summary>
    public async Task<long> CountUnackedAsync(Guid recipientId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM messages WHERE recipient_id = @recipientId AND acked_at IS NULL", new { recipientId });
    }

    /// <summary>Unacknowledged messages to the agent, oldest first.</summary>
    public async Task<IReadOnlyList<MessageRow>> ListInboxAsync(Guid recipientId, DateTimeOffset? since, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await QueryAsync(connection,
            RowSelect + "WHERE m.recipient_id = @recipientId AND m.acked_at IS NULL " +
            (since is null ? "" : "AND m.created_at > @since ") + "ORDER BY m.id LIMIT @limit",
            new { recipientId, since, limit });
    }

    /// <summary>Marks the message read when <paramref name="recipientId"/> received it. False when no such
    /// message was sent to that agent; acking twice is true both times and counts once.</summary>
    public Task<bool> AckAsync(Guid id, Guid recipientId, DateTimeOffset now, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var acked = await connection.ExecuteAsync(
                "UPDATE messages SET acked_at = @now WHERE id = @id AND recipient_id = @recipientId AND acked_at IS NULL",
                new { id, recipientId, now }, transaction);
            if (acked == 1)
            {
                await connection.ExecuteAsync(
                    "UPDATE agents SET inbox_unacked = inbox_unacked - 1 WHERE id = @recipientId", new { recipientId }, transaction);
                return true;
            }

            return await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM messages WHERE id = @id AND recipient_id = @recipientId", new { id, recipientId }, transaction) == 1;
        }, ct);

    /// <summary>Both directions between two agents: the newest <paramref name="limit"/> before the cursor,
    /// returned oldest first. One range scan per direction on ix_messages_pair.</summary>
    public async Task<IReadOnlyList<MessageRow>> ListBetweenAsync(Guid agentId, Guid peerId, DateTimeOffset? before, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var cursor = before is null ? "" : "AND m.created_at < @before ";
        var sql =
            "SELECT * FROM (" +
            RowSelect + "WHERE m.sender_id = @agentId AND m.recipient_id = @peerId " + cursor +
            "UNION ALL " +
            RowSelect + "WHERE m.sender_id = @peerId AND m.recipient_id = @agentId AND m.sender_id <> m.recipient_id " + cursor +
            ") pair ORDER BY created_at DESC, id DESC LIMIT @limit";
        var rows = await QueryAsync(connection, sql, new { agentId, peerId, before, limit });
        return [.. rows.Reverse()];
    }

    /// <summary>The agent's peers, most recent conversation first, each with its last message.</summary>
    public async Task<IReadOnlyList<ConversationRow>> ListConversationsAsync(Guid agentId, DateTimeOffset? before, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var sql =
            "SELECT m.id, m.sender_id, m.recipient_id, m.content, m.created_at, m.acked_at, s.name AS sender_name, r.name AS recipient_name, p.name AS peer_name " +
            "FROM conversations c JOIN messages m ON m.id = c.last_message_id JOIN agents p ON p.id = c.peer_id " +
            "JOIN agents s ON s.id = m.sender_id JOIN agents r ON r.id = m.recipient_id " +
            "WHERE c.agent_id = @agentId " + (before is null ? "" : "AND c.last_at < @before ") +
            "ORDER BY c.last_at DESC, c.peer_id DESC LIMIT @limit";
        var rows = await connection.QueryAsync<FlatMessage>(sql, new { agentId, before, limit });
        return [.. rows.Select(r => new ConversationRow(r.PeerName, r.ToRow()))];
    }

    private static async Task<IReadOnlyList<MessageRow>> QueryAsync(DbConnection connection, string sql, object parameters)
    {
        var rows = await connection.QueryAsync<FlatMessage>(sql, parameters);
        return [.. rows.Select(r => r.ToRow())];
    }

    private sealed record FlatMessage
    {
        public Guid Id { get; init; }
        public Guid SenderId { get; init; }
        public Guid RecipientId { get; init; }
        public string Content { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? AckedAt { get; init; }
        public string SenderName { get; init; } = "";
        public string RecipientName { get; init; } = "";
        public string PeerName { get; init; } = "";

        public MessageRow ToRow() => new()
        {
            Message = new MessageRecord
            {
                Id = Id, SenderId = SenderId, RecipientId = RecipientId, Content = Content, CreatedAt = CreatedAt, AckedAt = AckedAt,
            },
            SenderName = SenderName,
            RecipientName = RecipientName,
        };
    }
}
