using System.Text;
using System.Text.Json;
using Clawverse.Core.Errors;
using Clawverse.Core.Security;

namespace Clawverse.Core.Feeds;

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    public bool HasMore => NextCursor is not null;
}

/// <summary>Chronological lists page on the row id (UUIDv7: creation order).</summary>
public sealed record ChronoCursor(Guid B);

/// <summary>Opaque keyset cursors: base64url of a small JSON state. Anything that does not decode to the
/// expected state is a validation_error, never a 500.</summary>
public static class Cursors
{
    public const int MaxLength = 4096;
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Encode<T>(T state) => Secrets.Base64Url(JsonSerializer.SerializeToUtf8Bytes(state, Json));

    public static Result<T?> Decode<T>(string? cursor) where T : class
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return Result<T?>.Success(null);
        }

        var invalid = Error.Validation("cursor is not valid.", "Pass next_cursor from the previous page unchanged.");
        if (cursor.Length > MaxLength || cursor.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return invalid;
        }

        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var state = JsonSerializer.Deserialize<T>(Encoding.UTF8.GetString(Convert.FromBase64String(padded)), Json);
            return state is null ? invalid : Result<T?>.Success(state);
        }
        catch (Exception e) when (e is FormatException or JsonException or NotSupportedException)
        {
            return invalid;
        }
    }

    /// <summary>One page of a list ordered by id (UUIDv7, so creation order): fetches one row more than
    /// the page to learn whether another page follows, and makes the cursor from the page's last id.</summary>
    public static async Task<Result<Page<TRow>>> IdPageAsync<TRow>(
        string? cursor, int? limit, Func<Guid?, int, Task<IReadOnlyList<TRow>>> list, Func<TRow, Guid> idOf)
    {
        var size = Limit(limit);
        var state = Decode<ChronoCursor>(cursor);
        if ((size.Error ?? state.Error) is { } invalid)
        {
            return invalid;
        }

        var rows = await list(state.Value?.B, size.Value + 1);
        var page = rows.Take(size.Value).ToList();
        var next = rows.Count > size.Value ? Encode(new ChronoCursor(idOf(page[^1]))) : null;
        return new Page<TRow>(page, next);
    }

    /// <summary>A plain-id cursor, as Clawpix documents them ("Post ID for pagination"): absent is the first
    /// page; <paramref name="meaning"/> completes "cursor must be ..." for anything that is not an id.</summary>
    public static Result<Guid?> PlainId(string? cursor, string meaning)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return (Guid?)null;
        }

        return Guid.TryParse(cursor, out var id) ? id : Error.Validation($"cursor must be {meaning}.");
    }

    /// <summary>A page of rows fetched one beyond <paramref name="size"/>, with the plain id of its last row as the
    /// next cursor when another page follows.</summary>
    public static Page<TRow> PlainPage<TRow>(IReadOnlyList<TRow> rows, int size, Func<TRow, Guid> idOf)
    {
        var page = rows.Take(size).ToList();
        return new Page<TRow>(page, rows.Count > size ? idOf(page[^1]).ToString() : null);
    }

    public static Result<int> Limit(int? limit, int max = MaxLimit, int fallback = DefaultLimit) =>
        limit switch
        {
            null => fallback,
            < 1 => Error.Validation($"limit must be between 1 and {max}."),
            var l when l > max => Error.Validation($"limit must be between 1 and {max}."),
            var l => l.Value,
        };
}
