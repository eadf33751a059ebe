using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

public enum TokenConsumeOutcome
{
    Consumed,
    Unknown,
    Expired,
    AlreadyConsumed,
}

public sealed class OwnerStore(Database database)
{
    private const string OwnerColumns = "id, email, email_normalized, email_verified_at, created_at";

    /// <summary>The owner with this email, created on first use. Safe under concurrent first uses.</summary>
    public async Task<OwnerRecord> GetOrCreateAsync(OwnerRecord candidate, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "INSERT INTO owners (id, email, email_normalized, email_verified_at, created_at) " +
            "VALUES (@Id, @Email, @EmailNormalized, @EmailVerifiedAt, @CreatedAt) ON CONFLICT (email_normalized) DO NOTHING",
            candidate);
        return await connection.QuerySingleAsync<OwnerRecord>(
            $"SELECT {OwnerColumns} FROM owners WHERE email_normalized = @EmailNormalized", candidate);
    }

    public async Task<OwnerRecord?> GetByIdAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<OwnerRecord>(
            $"SELECT {OwnerColumns} FROM owners WHERE id = @id", new { id });
    }

    public async Task InsertEmailTokenAsync(OwnerEmailTokenRecord token, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "INSERT INTO owner_email_tokens (id, owner_id, token_hash, purpose, expires_at, consumed_at, created_at) " +
            "VALUES (@Id, @OwnerId, @TokenHash, @Purpose, @ExpiresAt, @ConsumedAt, @CreatedAt)", token);
    }

    /// <summary>Consumes an email token once and, in the same transaction, verifies the owner's email,
    /// claims their pending agents and opens a session. A concurrent second consumer finds the token
    /// already consumed: the conditional UPDATE lets exactly one through.</summary>
    public Task<(TokenConsumeOutcome Outcome, Guid OwnerId)> ConsumeEmailTokenAsync(
        byte[] tokenHash, OwnerSessionRecord sessionTemplate, DateTimeOffset now, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var ownerId = await connection.QuerySingleOrDefaultAsync<Guid?>(
                "UPDATE owner_email_tokens SET consumed_at = @now " +
                "WHERE token_hash = @tokenHash AND consumed_at IS NULL AND expires_at > @now RETURNING owner_id",
                new { tokenHash, now }, transaction);
            if (ownerId is null)
            {
                var existing = await connection.QuerySingleOrDefaultAsync<OwnerEmailTokenRecord>(
                    "SELECT id, owner_id, token_hash, purpose, expires_at, consumed_at, created_at FROM owner_email_tokens WHERE token_hash = @tokenHash",
                    new { tokenHash }, transaction);
                var outcome = existing switch
                {
                    null => TokenConsumeOutcome.Unknown,
                    { ConsumedAt: not null } => TokenConsumeOutcome.AlreadyConsumed,
                    _ => TokenConsumeOutcome.Expired,
                };
                return (outcome, Guid.Empty);
            }

            await connection.ExecuteAsync(
                "UPDATE owners SET email_verified_at = COALESCE(email_verified_at, @now) WHERE id = @ownerId",
                new { ownerId, now }, transaction);
            await AgentStore.ClaimForOwnerAsync(connection, transaction, ownerId.Value, now);
            await connection.ExecuteAsync(
                "INSERT INTO owner_sessions (id, owner_id, token_hash, expires_at, created_at, revoked_at) " +
                "VALUES (@Id, @OwnerId, @TokenHash, @ExpiresAt, @CreatedAt, NULL)",
                sessionTemplate with { OwnerId = ownerId.Value }, transaction);
            return (TokenConsumeOutcome.Consumed, ownerId.Value);
        }, ct);

    public async Task<OwnerSessionRecord?> FindLiveSessionAsync(byte[] tokenHash, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<OwnerSessionRecord>(
            "SELECT id, owner_id, token_hash, expires_at, created_at, revoked_at FROM owner_sessions " +
            "WHERE token_hash = @tokenHash AND revoked_at IS NULL AND expires_at > @now",
            new { tokenHash, now });
    }
}
