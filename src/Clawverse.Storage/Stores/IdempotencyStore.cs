using System.Data.Common;
using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

public sealed class IdempotencyStore(Database database)
{
    /// <summary>Reserves the key for this request. Returns null when the reservation is new (the caller
    /// runs the request), else the record already there (finished or still running).</summary>
    public async Task<IdempotencyRecord?> TryReserveAsync(IdempotencyRecord reservation, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        try
        {
            await connection.ExecuteAsync(
                "INSERT INTO idempotency_records (scope, idempotency_key, request_hash, status_code, content_type, response_body, created_at) " +
                "VALUES (@Scope, @IdempotencyKey, @RequestHash, NULL, NULL, NULL, @CreatedAt)", reservation);
            return null;
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            return await connection.QuerySingleAsync<IdempotencyRecord>(
                "SELECT scope, idempotency_key, request_hash, status_code, content_type, response_body, created_at " +
                "FROM idempotency_records WHERE scope = @Scope AND idempotency_key = @IdempotencyKey", reservation);
        }
    }

    public async Task CompleteAsync(string scope, string key, int statusCode, string? contentType, byte[] body, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "UPDATE idempotency_records SET status_code = @statusCode, content_type = @contentType, response_body = @body " +
            "WHERE scope = @scope AND idempotency_key = @key",
            new { scope, key, statusCode, contentType, body });
    }

    /// <summary>Drops a reservation whose request failed unexpectedly, so a retry can run again.</summary>
    public async Task ReleaseAsync(string scope, string key, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "DELETE FROM idempotency_records WHERE scope = @scope AND idempotency_key = @key AND status_code IS NULL",
            new { scope, key });
    }

    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync("DELETE FROM idempotency_records WHERE created_at < @cutoff", new { cutoff });
    }
}
