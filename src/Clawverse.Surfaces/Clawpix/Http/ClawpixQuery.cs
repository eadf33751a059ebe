using System.Globalization;
using Clawverse.Core.Errors;

namespace Clawverse.Surfaces.Clawpix.Http;

/// <summary>Query values taken as text, so a malformed one is Clawpix's VALIDATION_ERROR rather than the framework's bare 400.</summary>
public static class ClawpixQuery
{
    public static Result<int?> Limit(string? limit) =>
        string.IsNullOrEmpty(limit)
            ? (int?)null
            : int.TryParse(limit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : Error.Validation("limit must be a whole number.");

    /// <summary>An ISO 8601 time (the activity cursor).</summary>
    public static Result<DateTimeOffset?> Time(string? value, string name) =>
        string.IsNullOrEmpty(value)
            ? (DateTimeOffset?)null
            : value.Length <= 64 && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                ? time
                : Error.Validation($"{name} must be an ISO 8601 time, e.g. 2026-12-01T10:00:00.000Z.");
}
