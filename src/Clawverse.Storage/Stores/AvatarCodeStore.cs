using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>One-time SMS codes. A new code for an avatar and purpose replaces the previous one, so only the
/// latest code sent can be confirmed.</summary>
public sealed class AvatarCodeStore(Database database)
{
    /// <summary>One statement on the unique (avatar, purpose): two concurrent sends leave one current code, never two.</summary>
    public async Task ReplaceAsync(AvatarCodeRecord code, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "INSERT INTO avatar_codes (id, avatar_id, purpose, phone_hash, code_hash, attempts, expires_at, created_at) " +
            "VALUES (@Id, @AvatarId, @Purpose, @PhoneHash, @CodeHash, 0, @ExpiresAt, @CreatedAt) " +
            "ON CONFLICT (avatar_id, purpose) DO UPDATE SET id = excluded.id, phone_hash = excluded.phone_hash, " +
            "code_hash = excluded.code_hash, attempts = 0, expires_at = excluded.expires_at, created_at = excluded.created_at", code);
    }

    public async Task<AvatarCodeRecord?> CurrentAsync(Guid avatarId, string purpose, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AvatarCodeRecord>(
            "SELECT id, avatar_id, purpose, phone_hash, code_hash, attempts, expires_at, created_at FROM avatar_codes " +
            "WHERE avatar_id = @avatarId AND purpose = @purpose", new { avatarId, purpose });
    }

    /// <summary>Spends one attempt; false when the code is gone or its attempts are used up (checked in the
    /// same statement, so concurrent guesses cannot exceed the bound).</summary>
    public async Task<bool> SpendAttemptAsync(Guid codeId, int maxAttempts, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            "UPDATE avatar_codes SET attempts = attempts + 1 WHERE id = @codeId AND attempts < @maxAttempts",
            new { codeId, maxAttempts }) == 1;
    }

    /// <summary>Removes the code once used; false when another request used it first.</summary>
    public async Task<bool> ConsumeAsync(Guid codeId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync("DELETE FROM avatar_codes WHERE id = @codeId", new { codeId }) == 1;
    }

    public async Task DeleteAsync(Guid codeId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync("DELETE FROM avatar_codes WHERE id = @codeId", new { codeId });
    }

    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync("DELETE FROM avatar_codes WHERE expires_at < @now", new { now });
    }
}
