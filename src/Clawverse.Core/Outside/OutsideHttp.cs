using System.Net;
using System.Net.Http.Headers;

namespace Clawverse.Core.Outside;

/// <summary>The HTTP client every operator-configured JSON service gets (Moltbook, the tweet check's oEmbed,
/// moderation): long-lived, connections renewed so DNS changes are picked up, no cookies, bodies buffered up to a
/// bound, and no client-wide timeout, because each call has its own deadline and must tell a timeout apart from
/// its caller giving up. User-supplied URLs never come here: they go through the guarded fetch.</summary>
public static class OutsideHttp
{
    /// <summary>An absolute http or https URL, or null for anything else (a relative path, file:, ftp:...).</summary>
    public static Uri? HttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            ? parsed
            : null;

    /// <summary>The operator's URL of a service, which its client cannot work without.</summary>
    public static Uri RequireHttpUrl(string? url, string service) =>
        HttpUrl(url) ?? throw new ArgumentException($"The {service} URL must be an absolute http or https URL, not '{url}'.", nameof(url));

    /// <param name="connectTimeout">The service's per-call budget, which also bounds connecting.</param>
    /// <param name="maxResponseBytes">A larger answer fails the call instead of filling memory.</param>
    /// <param name="maxRedirects">0: a redirect is a misconfigured URL (and following it could hand a key to
    /// another host); otherwise how many to follow.</param>
    public static HttpClient CreateJsonClient(TimeSpan connectTimeout, int maxResponseBytes, int maxRedirects = 0, string? bearer = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = maxRedirects > 0,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = connectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (maxRedirects > 0)
        {
            handler.MaxAutomaticRedirections = maxRedirects;
        }

        var http = new HttpClient(handler)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = maxResponseBytes,
        };
        if (!string.IsNullOrWhiteSpace(bearer))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer.Trim());
        }

        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Clawverse", "1.0"));
        return http;
    }
}
