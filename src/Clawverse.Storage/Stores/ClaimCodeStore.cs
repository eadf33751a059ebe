using System.Data.Common;
using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

public sealed class ClaimCodeStore(Database database)
{
    // The names ride along after the split column, so one query answers "who sent it" and "who took it".
    private const string Select =
        "SELECT c.id, c.code_hash, c.from_agent_id, c.message, c.created_at, c.redeemed_by_agent_id, c.redeemed_at, " +
        "f.name AS from_agent_name, r.name AS redeemed_by_agent_name " +
        "FROM claim_codes c JOIN agents f ON f.id = c.from_agent_id LEFT JOIN agents r ON r.id = c.redeemed_by_agent_id";

    public async Task InsertAsync(ClaimCodeRecord code, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "INSERT INTO claim_codes (id, code_hash, from_agent_id, message, created_at, redeemed_by_agent_id, redeemed_at) " +
            "VALUES (@Id, @CodeHash, @FromAgentId, @Message, @CreatedAt, @RedeemedByAgentId, @RedeemedAt)", code);
    }

    public async Task<ClaimCodeView?> GetByHashAsync(byte[] codeHash, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await QueryAsync(connection, $"{Select} WHERE c.code_hash = @codeHash", new { codeHash });
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Every claim code, newest first (created_at, then the UUIDv7 id for codes made in the same instant).</summary>
    public async Task<IReadOnlyList<ClaimCodeView>> ListAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await QueryAsync(connection, $"{Select} ORDER BY c.created_at DESC, c.id DESC", null);
    }

    /// <summary>Marks the code redeemed by <paramref name="agentId"/> unless it already was; true when this call
    /// took it. Runs in the caller's transaction, so delivering the message and taking the code commit together,
    /// and the "redeemed_at IS NULL" guard makes a second, concurrent redeem change nothing.</summary>
    public static async Task<bool> MarkRedeemedAsync(
        DbConnection connection, DbTransaction transaction, Guid id, Guid agentId, DateTimeOffset now) =>
        await connection.ExecuteAsync(
            "UPDATE claim_codes SET redeemed_by_agent_id = @agentId, redeemed_at = @now WHERE id = @id AND redeemed_at IS NULL",
            new { id, agentId, now }, transaction) == 1;

    /// <summary>Takes the code for <paramref name="message"/>'s recipient and delivers the message, in one
    /// transaction: false (and nothing written) when the code was already taken, by anyone.</summary>
    public Task<bool> RedeemAsync(Guid id, MessageRecord message, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            if (!await MarkRedeemedAsync(connection, transaction, id, message.RecipientId, message.CreatedAt))
            {
                return false;
            }

            await MessageStore.InsertAsync(connection, transaction, message);
            return true;
        }, ct);

    private static async Task<IReadOnlyList<ClaimCodeView>> QueryAsync(DbConnection connection, string sql, object? parameters)
    {
        var rows = await connection.QueryAsync<ClaimCodeRecord, Names, ClaimCodeView>(
            sql, (code, names) => new ClaimCodeView(code, names.FromAgentName, names.RedeemedByAgentName),
            parameters, splitOn: "from_agent_name");
        return rows.AsList();
    }

    private sealed record Names
    {
        public string FromAgentName { get; init; } = "";
        public string? RedeemedByAgentName { get; init; }
    }
}
