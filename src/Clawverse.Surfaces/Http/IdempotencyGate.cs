using System.Security.Cryptography;
using Clawverse.Core.Errors;
using Clawverse.Core.Maintenance;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Surfaces.Http;

/// <summary>How a caller names its key: the HTTP header, or MCP's tool argument (a tool call, not a request).</summary>
public sealed record IdempotencyWording(string Key, string Call, string Other)
{
    public static readonly IdempotencyWording Header = new("Idempotency-Key", "request", "a different request");

    public static readonly IdempotencyWording Argument = new("idempotency_key", "call", "different arguments");
}

/// <summary>The rules of an idempotency key, shared by the Idempotency-Key header (IdempotencyMiddleware) and MCP's
/// idempotency_key (McpCall): what a key may be, reserving it (a record past its 24 hours is purged first), when an
/// earlier answer is replayed or refused, and which answers are kept.</summary>
public sealed class IdempotencyGate(IdempotencyStore store, Clock clock)
{
    public static Error? CheckKey(string key, IdempotencyWording wording) =>
        key.Length is 0 or > 255 || key.Any(char.IsControl)
            ? Error.Validation($"{wording.Key} must be 1–255 printable characters.")
            : null;

    /// <summary>Null when the key is now reserved for this call (run it); else the record already there.</summary>
    public async Task<IdempotencyRecord?> ReserveAsync(string scope, string key, byte[] requestHash, CancellationToken ct)
    {
        var reservation = new IdempotencyRecord { Scope = scope, IdempotencyKey = key, RequestHash = requestHash, CreatedAt = clock.Now() };
        var existing = await store.TryReserveAsync(reservation, ct);
        if (existing is not null && existing.CreatedAt < clock.Now() - Housekeeping.IdempotencyRetention)
        {
            await store.PurgeOlderThanAsync(clock.Now() - Housekeeping.IdempotencyRetention, ct);
            existing = await store.TryReserveAsync(reservation, ct);
        }

        return existing;
    }

    /// <summary>Null when <paramref name="existing"/> is a finished answer to the same call (replay it); else the
    /// 409: the key was used for another call, or its first call is still running.</summary>
    public static Error? Refusal(IdempotencyRecord existing, byte[] requestHash, IdempotencyWording wording)
    {
        if (!CryptographicOperations.FixedTimeEquals(existing.RequestHash, requestHash))
        {
            return Error.Conflict(ErrorCodes.IdempotencyConflict,
                $"This {wording.Key} was already used with {wording.Other}.", $"Use a new key for a new {wording.Call}.");
        }

        return existing.StatusCode is null
            ? Error.Conflict(ErrorCodes.IdempotencyConflict, $"A {wording.Call} with this {wording.Key} is still in progress.", "Retry after it finishes.")
            : null;
    }

    /// <summary>Server failures and rate-limit refusals are not remembered: a retry after the wait gets another chance.</summary>
    public static bool Remembers(int status) => status < 500 && status != StatusCodes.Status429TooManyRequests;

    public Task CompleteAsync(string scope, string key, int status, string? contentType, byte[] body) =>
        store.CompleteAsync(scope, key, status, contentType, body, CancellationToken.None);

    /// <summary>Drops a reservation whose call ended without a kept answer, so a retry can run again.</summary>
    public Task ReleaseAsync(string scope, string key) => store.ReleaseAsync(scope, key, CancellationToken.None);
}
