using System.Globalization;
using System.Text.RegularExpressions;

namespace Clawverse.Core.Outside.Tweets;

/// <summary>
/// What counts as a link to a tweet, so a check can refuse anything else before a request leaves this server
/// (the oEmbed endpoint would render other X pages, and other sites are not X). Accepted: http or https,
/// x.com or twitter.com (also www. and mobile.), the default port, path /{user}/status/{id} with an optional
/// trailing slash; the query (?s=20 and the like) and fragment are dropped. One canonical form per tweet,
/// with the user name lowercased as X's handles are case-insensitive.
/// </summary>
public static partial class TweetUrls
{
    private static readonly HashSet<string> Hosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "x.com", "www.x.com", "mobile.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com",
    };

    /// <summary>The canonical <c>https://x.com/{user}/status/{id}</c>, or null when the URL is not a tweet's.</summary>
    public static string? Normalize(string? url) =>
        Parse(url) is { } tweet ? $"https://x.com/{tweet.User}/status/{tweet.Id}" : null;

    /// <summary>The form sent to oEmbed: twitter.com, the host its documentation names.</summary>
    internal static string? ForOEmbed(string? url) =>
        Parse(url) is { } tweet ? $"https://twitter.com/{tweet.User}/status/{tweet.Id}" : null;

    private static (string User, ulong Id)? Parse(string? url)
    {
        if (url is null || url.Length > 500
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || parsed.UserInfo.Length > 0 || !parsed.IsDefaultPort || !Hosts.Contains(parsed.Host))
        {
            return null;
        }

        var match = StatusPath().Match(parsed.AbsolutePath);
        return match.Success && ulong.TryParse(match.Groups["id"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? (match.Groups["user"].Value.ToLowerInvariant(), id)
            : null;
    }

    // X handles: 1 to 15 letters, digits and underscores. Tweet ids: 64-bit numbers.
    [GeneratedRegex("^/(?<user>[A-Za-z0-9_]{1,15})/status/(?<id>[0-9]{1,20})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex StatusPath();
}
