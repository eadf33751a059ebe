using Clawverse.Core.Time;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Clawverse.Core.Avatars.Wallet;

/// <summary>The EIP-4361 field grammars (RFC 3986 and RFC 3339 pieces). Every pattern is anchored with \z
/// (not $, which would pass a trailing newline) and uses [0-9] (not \d, which takes any Unicode digit).</summary>
internal static partial class SiweSyntax
{
    public static bool IsScheme(string text) => SchemeRegex().IsMatch(text);

    /// <summary>An RFC 3986 authority: [userinfo@]host[:port], the host a name, IPv4 or a bracketed IPv6.</summary>
    public static bool IsAuthority(string text)
    {
        var match = AuthorityRegex().Match(text);
        if (!match.Success)
            return false;
        var port = match.Groups["port"];
        if (port.Success && int.Parse(port.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) > 65535)
            return false;
        var ipv6 = match.Groups["ipv6"];
        return !ipv6.Success
            || (IPAddress.TryParse(ipv6.ValueSpan, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6);
    }

    /// <summary>An absolute RFC 3986 URI: the character set by pattern, the structure by System.Uri.</summary>
    public static bool IsUri(string text) =>
        UriRegex().IsMatch(text) && System.Uri.TryCreate(text, UriKind.Absolute, out _);

    /// <summary>reserved / unreserved / space: printable ASCII less %, ", &lt;, &gt;, \, ^, `, {, |, }.</summary>
    public static bool IsStatement(string text) => StatementRegex().IsMatch(text);

    public static bool IsNonce(string text) => NonceRegex().IsMatch(text);

    /// <summary>*pchar: may be empty.</summary>
    public static bool IsRequestId(string text) => RequestIdRegex().IsMatch(text);

    public static bool TryChainId(string text, out long chainId)
    {
        chainId = 0;
        return DigitsRegex().IsMatch(text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out chainId);
    }

    /// <summary>An RFC 3339 date-time. Leap seconds (:60) and offsets past ±14:00 are refused: DateTimeOffset
    /// cannot hold them, and no wallet writes them.</summary>
    public static bool TryDateTime(string text, out DateTimeOffset value)
    {
        value = default;
        var m = DateTimeRegex().Match(text);
        if (!m.Success)
            return false;
        int Part(string name) => int.Parse(m.Groups[name].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        int year = Part("y"), month = Part("mo"), day = Part("d"), hour = Part("h"), minute = Part("mi"), second = Part("s");
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
            return false;
        var offset = TimeSpan.Zero;
        if (m.Groups["oh"].Success)
        {
            int offsetHours = Part("oh"), offsetMinutes = Part("om");
            if (offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > 14 * 60)
                return false;
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (m.Groups["sign"].ValueSpan[0] == '-')
                offset = -offset;
        }
        // Fractions past 100 ns (7 digits) are cut: RFC 3339 allows any length, ticks stop there.
        var fraction = m.Groups["f"].Value;
        var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0')[..7], NumberStyles.None, CultureInfo.InvariantCulture);
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            return false;
        value = new DateTimeOffset(local, offset);
        return true;
    }

    /// <summary>The form the reference library writes (JavaScript's toISOString): UTC, milliseconds, Z.</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        Timestamps.Milliseconds(value);

    private const string Unreserved = @"A-Za-z0-9\-._~";
    private const string SubDelims = @"!$&'()*+,;=";
    private const string PctEncoded = "%[0-9A-Fa-f]{2}";

    [GeneratedRegex(@"\A[A-Za-z][A-Za-z0-9+\-.]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SchemeRegex();

    [GeneratedRegex(@"\A(?:(?:[" + Unreserved + SubDelims + ":]|" + PctEncoded + ")*@)?"
        + @"(?:\[(?<ipv6>[0-9A-Fa-f:.]+)\]|(?:[" + Unreserved + SubDelims + "]|" + PctEncoded + ")+)"
        + @"(?::(?<port>[0-9]{1,5}))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorityRegex();

    [GeneratedRegex(@"\A[A-Za-z][A-Za-z0-9+\-.]*:(?:[" + Unreserved + SubDelims + @":/?#\[\]@]|" + PctEncoded + @")*\z", RegexOptions.CultureInvariant)]
    private static partial Regex UriRegex();

    [GeneratedRegex(@"\A[" + Unreserved + SubDelims + @":/?#\[\]@ ]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex StatementRegex();

    [GeneratedRegex(@"\A[A-Za-z0-9]{8,}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NonceRegex();

    [GeneratedRegex(@"\A(?:[" + Unreserved + SubDelims + ":@]|" + PctEncoded + @")*\z", RegexOptions.CultureInvariant)]
    private static partial Regex RequestIdRegex();

    [GeneratedRegex(@"\A[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex DigitsRegex();

    [GeneratedRegex(@"\A(?<y>[0-9]{4})-(?<mo>[0-9]{2})-(?<d>[0-9]{2})[Tt](?<h>[0-9]{2}):(?<mi>[0-9]{2}):(?<s>[0-9]{2})"
        + @"(?:\.(?<f>[0-9]+))?(?:[Zz]|(?<sign>[+-])(?<oh>[0-9]{2}):(?<om>[0-9]{2}))\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeRegex();
}
