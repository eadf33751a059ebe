using System.Globalization;
using Clawverse.Core.Errors;

namespace Clawverse.Surfaces.ClawNet.Http;

/// <summary>Query values taken as text, so a malformed one is ClawNet's invalid_request rather than the
/// framework's bare 400. Ranges are the core's to check.</summary>
public static class ClawNetQuery
{
    public static Result<int?> Limit(string? limit) =>
        string.IsNullOrEmpty(limit)
            ? (int?)null
            : int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : Error.Validation("limit must be a positive integer.");

    /// <summary>An ISO 8601 time ("2026-12-01T10:00:00Z"); one without an offset is read as UTC.</summary>
    public static Result<DateTimeOffset?> Time(string? value, string name) =>
        string.IsNullOrEmpty(value)
            ? (DateTimeOffset?)null
            : value.Length <= 64 && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                ? time
                : Error.Validation($"{name} must be an ISO 8601 time, e.g. 2026-12-01T10:00:00Z.");

    /// <summary>A page's ?limit and its time cursor (?before, ?since, ?before_ts) together: the first bad one's error.</summary>
    public static Result<(int? Limit, DateTimeOffset? Time)> Page(string? limit, string? time, string timeName)
    {
        var size = Limit(limit);
        var cursor = Time(time, timeName);
        return size.IsSuccess && cursor.IsSuccess ? (size.Value, cursor.Value) : (size.Error ?? cursor.Error!);
    }
}
