using System.Data.Common;
using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>The ClawVatar gallery's avatars. Every change writes its event (avatar_events) in the same
/// transaction, so the event stream never tells of a change that did not happen, nor misses one that did.</summary>
public sealed class AvatarStore(Database database)
{
    private const string Columns =
        "id, pseudonym, pseudonym_normalized, owner_type, agent_name, generation_tool, bio, tags, is_public, media_id, " +
        "management_key_hash, verified_at, verification_method, phone_hash, phone_confirmed_at, agent_id, forever_at, " +
        "wallet_address, siwe_nonce, metadata_checksum, attestation_uid, sbt_token_id, founder_at, expires_at, " +
        "expiry_warned_at, pseudonym_changed_at, created_at, updated_at";

    private const string Values =
        "@Id, @Pseudonym, @PseudonymNormalized, @OwnerType, @AgentName, @GenerationTool, @Bio, @Tags, @IsPublic, @MediaId, " +
        "@ManagementKeyHash, @VerifiedAt, @VerificationMethod, @PhoneHash, @PhoneConfirmedAt, @AgentId, @ForeverAt, " +
        "@WalletAddress, @SiweNonce, @MetadataChecksum, @AttestationUid, @SbtTokenId, @FounderAt, @ExpiresAt, " +
        "@ExpiryWarnedAt, @PseudonymChangedAt, @CreatedAt, @UpdatedAt";

    /// <summary>Inserts the avatar, its tag rows and its event; a taken pseudonym is a unique violation.</summary>
    public Task InsertAsync(AvatarRecord avatar, AvatarEventRecord? created, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync($"INSERT INTO avatars ({Columns}) VALUES ({Values})", avatar, transaction);
            await WriteTagsAsync(connection, transaction, avatar);
            await AppendEventAsync(connection, transaction, created);
            return true;
        }, ct);

    /// <summary>Writes every mutable column of the avatar (found by id) and, when given, its event. Returns false
    /// when the row is gone or changed since <paramref name="expectedUpdatedAt"/> (a concurrent change won).</summary>
    public Task<bool> UpdateAsync(AvatarRecord avatar, DateTimeOffset expectedUpdatedAt, AvatarEventRecord? happened, CancellationToken ct,
        Func<DbConnection, DbTransaction, Task>? alsoInTransaction = null) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var updated = await connection.ExecuteAsync(
                "UPDATE avatars SET pseudonym = @Pseudonym, pseudonym_normalized = @PseudonymNormalized, bio = @Bio, tags = @Tags, " +
                "is_public = @IsPublic, management_key_hash = @ManagementKeyHash, verified_at = @VerifiedAt, " +
                "verification_method = @VerificationMethod, phone_hash = @PhoneHash, phone_confirmed_at = @PhoneConfirmedAt, " +
                "agent_id = @AgentId, forever_at = @ForeverAt, wallet_address = @WalletAddress, siwe_nonce = @SiweNonce, " +
                "metadata_checksum = @MetadataChecksum, attestation_uid = @AttestationUid, sbt_token_id = @SbtTokenId, " +
                "founder_at = @FounderAt, expires_at = @ExpiresAt, expiry_warned_at = @ExpiryWarnedAt, " +
                "pseudonym_changed_at = @PseudonymChangedAt, updated_at = @UpdatedAt " +
                "WHERE id = @Id AND updated_at = @expectedUpdatedAt",
                new DynamicParameters(avatar).With("expectedUpdatedAt", expectedUpdatedAt), transaction);
            if (updated == 0)
            {
                return false;
            }

            await connection.ExecuteAsync("DELETE FROM avatar_tags WHERE avatar_id = @Id", new { avatar.Id }, transaction);
            await WriteTagsAsync(connection, transaction, avatar);
            await AppendEventAsync(connection, transaction, happened);

            if (alsoInTransaction is not null)
            {
                await alsoInTransaction(connection, transaction);
            }

            return true;
        }, ct);

    /// <summary>Deletes the avatar (tags and codes cascade) with its event, only as it was read: unchanged since
    /// <paramref name="expectedUpdatedAt"/>, or, for the expiry job (<paramref name="expiredBy"/>), still expired then.
    /// False when it is gone or changed meanwhile (verified, made forever): the caller's decision no longer holds.</summary>
    public Task<bool> DeleteAsync(Guid id, DateTimeOffset expectedUpdatedAt, DateTimeOffset? expiredBy, AvatarEventRecord? deleted, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var condition = expiredBy is null ? "updated_at = @expectedUpdatedAt" : "expires_at IS NOT NULL AND expires_at <= @expiredBy";
            if (await connection.ExecuteAsync($"DELETE FROM avatars WHERE id = @id AND {condition}", new { id, expectedUpdatedAt, expiredBy }, transaction) == 0)
            {
                return false;
            }

            await AppendEventAsync(connection, transaction, deleted);
            return true;
        }, ct);

    public Task<AvatarRecord?> GetByPseudonymAsync(string normalized, CancellationToken ct) =>
        SingleAsync("pseudonym_normalized = @value", normalized, ct);

    public Task<AvatarRecord?> GetByKeyHashAsync(byte[] keyHash, CancellationToken ct) =>
        SingleAsync("management_key_hash = @value", keyHash, ct);

    public Task<AvatarRecord?> GetByAgentAsync(Guid agentId, CancellationToken ct) =>
        SingleAsync("agent_id = @value", agentId, ct);

    public Task<AvatarRecord?> GetByPhoneHashAsync(byte[] phoneHash, CancellationToken ct) =>
        SingleAsync("phone_hash = @value", phoneHash, ct);

    /// <summary>One page of the public gallery, newest first, and how many public avatars match in all.</summary>
    public async Task<(IReadOnlyList<AvatarRecord> Page, long Total)> ListPublicAsync(AvatarQuery query, CancellationToken ct)
    {
        // Expired avatars are gone to readers before the daily job removes them.
        var where = "a.is_public = @isPublic AND (a.expires_at IS NULL OR a.expires_at > @now)";
        if (query.OwnerType is not null)
        {
            where += " AND a.owner_type = @OwnerType";
        }

        if (query.Search is not null)
        {
            // The normalized pseudonym is lower-case; the pattern's wildcards are escaped by the caller's value.
            where += " AND a.pseudonym_normalized LIKE @pattern ESCAPE '\\'";
        }

        if (query.Tag is not null)
        {
            where += " AND EXISTS (SELECT 1 FROM avatar_tags t WHERE t.avatar_id = a.id AND t.tag = @Tag)";
        }

        var parameters = new DynamicParameters(query)
            .With("isPublic", true)
            .With("now", query.Now)
            .With("pattern", query.Search is null ? null : "%" + EscapeLike(query.Search.ToLowerInvariant()) + "%")
            .With("offset", (long)query.Page * query.Limit);
        await using var connection = await database.OpenAsync(ct);
        var page = (await connection.QueryAsync<AvatarRecord>(
            $"SELECT {Prefixed("a.")} FROM avatars a WHERE {where} ORDER BY a.created_at DESC, a.id DESC LIMIT @Limit OFFSET @offset",
            parameters)).AsList();
        var total = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM avatars a WHERE {where}", parameters);
        return (page, total);
    }

    /// <summary>Unverified avatars whose time is up (expires_at is cleared by every tier above unverified).</summary>
    public async Task<IReadOnlyList<AvatarRecord>> ListExpiredAsync(DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<AvatarRecord>(
            $"SELECT {Columns} FROM avatars WHERE expires_at IS NOT NULL AND expires_at <= @now ORDER BY expires_at LIMIT @limit",
            new { now, limit })).AsList();
    }

    /// <summary>Unverified avatars expiring before <paramref name="until"/> that have not been warned yet.</summary>
    public async Task<IReadOnlyList<AvatarRecord>> ListUnwarnedExpiringAsync(DateTimeOffset now, DateTimeOffset until, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<AvatarRecord>(
            $"SELECT {Columns} FROM avatars WHERE expires_at IS NOT NULL AND expires_at > @now AND expires_at <= @until " +
            "AND expiry_warned_at IS NULL ORDER BY expires_at",
            new { now, until })).AsList();
    }

    /// <summary>Marks the warning sent, with its event; false when another pass warned it first.</summary>
    public Task<bool> MarkWarnedAsync(Guid id, DateTimeOffset now, AvatarEventRecord? warned, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            if (await connection.ExecuteAsync(
                    "UPDATE avatars SET expiry_warned_at = @now WHERE id = @id AND expiry_warned_at IS NULL", new { id, now }, transaction) == 0)
            {
                return false;
            }

            await AppendEventAsync(connection, transaction, warned);
            return true;
        }, ct);

    /// <summary>The next soulbound token number: one more than the highest issued (the column is unique, so a
    /// concurrent issue of the same number fails its update instead of sharing it).</summary>
    public async Task<long> NextTokenIdAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(sbt_token_id), 0) + 1 FROM avatars");
    }

    private async Task<AvatarRecord?> SingleAsync(string condition, object value, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AvatarRecord>($"SELECT {Columns} FROM avatars WHERE {condition}", new { value });
    }

    private static async Task WriteTagsAsync(DbConnection connection, DbTransaction transaction, AvatarRecord avatar)
    {
        foreach (var tag in avatar.TagList.Distinct(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync("INSERT INTO avatar_tags (avatar_id, tag) VALUES (@avatarId, @tag)",
                new { avatarId = avatar.Id, tag }, transaction);
        }
    }

    // A private avatar's changes have no event (null).
    private static Task AppendEventAsync(DbConnection connection, DbTransaction transaction, AvatarEventRecord? happened) =>
        happened is null ? Task.CompletedTask : connection.ExecuteAsync(
            "INSERT INTO avatar_events (type, pseudonym, owner_type, message, at_ms) VALUES (@Type, @Pseudonym, @OwnerType, @Message, @AtMs)",
            happened, transaction);

    private static string Prefixed(string alias) => string.Join(", ", Columns.Split(", ").Select(column => alias + column));

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

internal static class DynamicParametersExtensions
{
    public static DynamicParameters With(this DynamicParameters parameters, string name, object? value)
    {
        parameters.Add(name, value);
        return parameters;
    }
}
