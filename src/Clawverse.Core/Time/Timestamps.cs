using System.Globalization;

namespace Clawverse.Core.Time;

/// <summary>RFC 3339 UTC with milliseconds ("2026-02-26T06:00:00.000Z"), the JavaScript Date form the ClawVatar
/// seed shows and SIWE messages carry; invariant, so no culture's separators get in.</summary>
public static class Timestamps
{
    public static string Milliseconds(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
