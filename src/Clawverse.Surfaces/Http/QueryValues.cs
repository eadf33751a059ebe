using System.Globalization;
using Clawverse.Core.Errors;

namespace Clawverse.Surfaces.Http;

/// <summary>Query values taken as text, so a malformed one is the dialect's validation error (through its own
/// envelope) rather than the framework's bare 400. Ranges are the core's to check.</summary>
public static class QueryValues
{
    public static Result<int?> Limit(string? limit) =>
        string.IsNullOrEmpty(limit)
            ? (int?)null
            : int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : Error.Validation("limit must be a positive integer.");

    /// <summary>A whole number of digits only (ClawVatar's page, limit and millisecond since); blank is absent.</summary>
    public static Result<long?> WholeNumber(string? value, string name) =>
        string.IsNullOrWhiteSpace(value)
            ? (long?)null
            : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? number
                : Error.Validation($"{name} must be a whole number.");

    /// <summary>An ISO 8601 time ("2026-12-01T10:00:00Z"); one without an offset is read as UTC.</summary>
    public static Result<DateTimeOffset?> Time(string? value, string name) =>
        string.IsNullOrEmpty(value)
            ? (DateTimeOffset?)null
            : value.Length <= 64 && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                ? time
                : Error.Validation($"{name} must be an ISO 8601 time, e.g. 2026-12-01T10:00:00Z.");
}
