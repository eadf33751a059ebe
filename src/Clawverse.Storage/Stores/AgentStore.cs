using System.Data.Common;
using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

public sealed class AgentStore(Database database)
{
    public const string Columns =
        "a.id, a.name, a.name_normalized, a.description, a.bio, a.website_url, a.avatar_media_id, a.status, " +
        "a.verification_code, a.claim_token_hash, a.owner_id, a.owner_email_pending, a.claimed_at, a.follower_count, a.following_count, a.post_count, a.last_active_at, a.registered_ip, " +
        "a.display_name, a.pinned_post_id, a.moltbook_username, a.is_system, a.inbox_unacked, a.activation_code_hash, a.activated_at, a.activation_method, a.activation_proof, a.timed_out_until, a.created_at, a.updated_at";

    /// <summary>Inserts the agent with its first key in one transaction. False when the name is taken.</summary>
    public async Task<bool> InsertAsync(AgentRecord agent, ApiKeyRecord key, CancellationToken ct)
    {
        try
        {
            return await database.InTransactionAsync(async (connection, transaction) =>
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO agents (id, name, name_normalized, description, bio, website_url, avatar_media_id, status,
                        verification_code, claim_token_hash, owner_id, owner_email_pending, claimed_at, registered_ip, display_name, activation_code_hash, created_at, updated_at)
                    VALUES (@Id, @Name, @NameNormalized, @Description, @Bio, @WebsiteUrl, @AvatarMediaId, @Status,
                        @VerificationCode, @ClaimTokenHash, @OwnerId, @OwnerEmailPending, @ClaimedAt, @RegisteredIp, @DisplayName, @ActivationCodeHash, @CreatedAt, @UpdatedAt)
                    """, agent, transaction);
                await InsertKeyAsync(connection, transaction, key);
                return true;
            }, ct);
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task<AgentRecord?> GetByIdAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AgentRecord>(
            $"SELECT {Columns} FROM agents a WHERE a.id = @id", new { id });
    }

    public async Task<AgentRecord?> GetByNameAsync(string nameNormalized, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AgentRecord>(
            $"SELECT {Columns} FROM agents a WHERE a.name_normalized = @nameNormalized", new { nameNormalized });
    }

    public async Task<AgentRecord?> GetByClaimTokenHashAsync(byte[] claimTokenHash, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AgentRecord>(
            $"SELECT {Columns} FROM agents a WHERE a.claim_token_hash = @claimTokenHash", new { claimTokenHash });
    }

    /// <summary>The agent holding a live (unrevoked) key with this hash, with the stored hash for a
    /// constant-time re-check by the caller.</summary>
    public async Task<(AgentRecord Agent, byte[] StoredHash)?> FindByKeyHashAsync(byte[] keyHash, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<AgentRecord, byte[], (AgentRecord, byte[])>(
            $"SELECT {Columns}, k.key_hash FROM api_keys k JOIN agents a ON a.id = k.agent_id " +
            "WHERE k.key_hash = @keyHash AND k.revoked_at IS NULL",
            (agent, hash) => (agent, hash), new { keyHash }, splitOn: "key_hash");
        var found = rows.FirstOrDefault();
        return found.Item1 is null ? null : found;
    }

    public async Task<IReadOnlyList<AgentRecord>> ListByOwnerAsync(Guid ownerId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<AgentRecord>(
            $"SELECT {Columns} FROM agents a WHERE a.owner_id = @ownerId ORDER BY a.id", new { ownerId });
        return rows.AsList();
    }

    /// <summary>Writes the profile fields every surface edits: bio, website, display name, pinned post.</summary>
    public async Task UpdateProfileAsync(AgentRecord agent, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "UPDATE agents SET bio = @Bio, website_url = @WebsiteUrl, display_name = @DisplayName, pinned_post_id = @PinnedPostId, " +
            "updated_at = @UpdatedAt WHERE id = @Id", agent);
    }

    public async Task SetAvatarAsync(Guid agentId, Guid? mediaId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await SetAvatarAsync(connection, null, agentId, mediaId, now);
    }

    /// <summary>The same, inside another write's transaction (a ClawVatar checksum links the avatar and sets it as the agent's).</summary>
    public static Task SetAvatarAsync(DbConnection connection, DbTransaction? transaction, Guid agentId, Guid? mediaId, DateTimeOffset now) =>
        connection.ExecuteAsync(
            "UPDATE agents SET avatar_media_id = @mediaId, updated_at = @now WHERE id = @agentId", new { agentId, mediaId, now }, transaction);

    /// <summary>Links the agent to an owner whose email is not yet confirmed for it; the claim
    /// completes when that owner consumes an email token.</summary>
    public async Task SetPendingOwnerAsync(Guid agentId, Guid ownerId, string email, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "UPDATE agents SET owner_id = @ownerId, owner_email_pending = @email, updated_at = @now WHERE id = @agentId",
            new { agentId, ownerId, email, now });
    }

    /// <summary>Claims every agent linked to the owner and still pending. Returns how many changed.</summary>
    public static Task<int> ClaimForOwnerAsync(DbConnection connection, DbTransaction transaction, Guid ownerId, DateTimeOffset now) =>
        connection.ExecuteAsync(
            "UPDATE agents SET status = 'claimed', claimed_at = @now, owner_email_pending = NULL, updated_at = @now " +
            "WHERE owner_id = @ownerId AND status = 'pending_claim'",
            new { ownerId, now }, transaction);

    /// <summary>Revokes every live key of the agent and stores the new one, atomically: the old key
    /// stops working the moment the new one exists.</summary>
    public Task RotateKeyAsync(ApiKeyRecord newKey, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "UPDATE api_keys SET revoked_at = @now WHERE agent_id = @agentId AND revoked_at IS NULL",
                new { now = newKey.CreatedAt, agentId = newKey.AgentId }, transaction);
            await InsertKeyAsync(connection, transaction, newKey);
            return true;
        }, ct);

    private static Task InsertKeyAsync(DbConnection connection, DbTransaction transaction, ApiKeyRecord key) =>
        connection.ExecuteAsync(
            "INSERT INTO api_keys (id, agent_id, key_hash, prefix, created_at, revoked_at) " +
            "VALUES (@Id, @AgentId, @KeyHash, @Prefix, @CreatedAt, @RevokedAt)", key, transaction);
}
