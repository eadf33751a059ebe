using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Clawverse.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Outside.Fetch;

/// <summary>
/// Fetches user-supplied URLs without letting them reach this server's own network. The address rule
/// (<see cref="PublicAddresses"/>) is enforced where the socket is opened, in
/// <see cref="SocketsHttpHandler.ConnectCallback"/>: the host is resolved here, every resolved address checked,
/// and only an allowed one connected to. Checking the URL's host up front would not be enough: DNS can answer
/// differently a moment later (rebinding), and a redirect can point anywhere, so redirects are followed here
/// too, one checked hop at a time. No proxy (it would be the one connecting), no cookies, no credentials, no
/// automatic decompression (the bytes counted are the bytes received); the body is streamed and cut at the
/// caller's limit, and one deadline covers the whole fetch.
/// </summary>
public sealed class GuardedFetcher : IGuardedFetcher, IDisposable
{
    /// <summary>Longer URLs are refused before anything is resolved; no legitimate avatar or link needs more.</summary>
    public const int MaxUrlLength = 2048;

    private const int ReadChunk = 16 * 1024;

    private readonly GuardedFetchOptions _options;
    private readonly ILogger<GuardedFetcher> _logger;
    private readonly HttpClient _http;

    public GuardedFetcher(GuardedFetchOptions options, ILogger<GuardedFetcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRedirects, nameof(options));
        _options = options;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = ConnectAsync,
            // Each hop is checked and counted here; the handler's own redirects would skip both.
            AllowAutoRedirect = false,
            // A proxy would make the connection on our behalf, to wherever the URL says, past the check.
            UseProxy = false,
            UseCookies = false,
            Credentials = null,
            PreAuthenticate = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.Timeout,
            MaxResponseHeadersLength = 64,
            // New connections re-resolve and re-check; a pooled one was checked when it was opened.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        })
        {
            // One deadline across every hop, set per fetch below.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Clawverse/1.0 (+fetch)");
        _http.DefaultRequestHeaders.Accept.ParseAdd("*/*");
    }

    public async Task<Result<FetchedBytes>> GetAsync(string url, long maxBytes, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(maxBytes, (long)Array.MaxLength);

        if (Parse(url) is not { } current)
            return Refused.NotHttp;
        if (current.UserInfo.Length > 0)
            return Refused.UserInfo;

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                using var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                if (IsRedirect(answer.StatusCode))
                {
                    if (answer.Headers.Location is not { } location)
                        return Refused.Status(answer.StatusCode);
                    if (redirects >= _options.MaxRedirects)
                        return Refused.TooManyRedirects(_options.MaxRedirects);
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                        return Refused.RedirectNotHttp;
                    if (next.UserInfo.Length > 0)
                        return Refused.UserInfo;
                    current = next;
                    continue;
                }

                if (!answer.IsSuccessStatusCode)
                    return Refused.Status(answer.StatusCode);
                if (answer.Content.Headers.ContentLength > maxBytes)
                    return Refused.TooLarge(maxBytes);

                var bytes = await ReadBoundedAsync(answer.Content, maxBytes, deadline.Token);
                if (bytes is null)
                    return Refused.TooLarge(maxBytes);
                return new FetchedBytes(bytes, answer.Content.Headers.ContentType?.MediaType, current);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Refused.TimedOut(_options.Timeout);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or IOException or SocketException)
        {
            if (FindRefusal(e) is { } refusal)
            {
                _logger.LogInformation("Guarded fetch of host {Host} refused: {Reason}", current.IdnHost, refusal.Message);
                return Refused.Address;
            }

            _logger.LogInformation(e, "Guarded fetch of host {Host} failed", current.IdnHost);
            return Refused.Unreachable;
        }
    }

    /// <summary>The body, or null as soon as it proves longer than <paramref name="maxBytes"/>: reading stops at
    /// the first byte over, so a huge or endless body costs at most the limit.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, long maxBytes, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[ReadChunk];
        while (true)
        {
            var wanted = (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length);
            var read = await stream.ReadAsync(chunk.AsMemory(0, wanted), ct);
            if (read == 0)
                return buffer.ToArray();
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
                return null;
        }
    }

    /// <summary>Resolves the host itself, keeps only the addresses the policy allows, and connects to the first
    /// of those that answers. Literal IP hosts are checked the same way, so no spelling of an address
    /// (decimal, IPv4-mapped IPv6, a name that resolves to it) gets past.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var resolved = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = resolved.Where(address => IsAllowed(address, port)).ToArray();
        if (allowed.Length == 0)
            throw new RefusedAddressException(resolved.Length == 0
                ? $"{host} resolved to no address"
                : $"{host} resolved only to refused addresses ({string.Join(", ", resolved.Select(address => address.ToString()))})");

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(target, port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private bool IsAllowed(IPAddress address, int port) =>
        PublicAddresses.IsPublic(address) || _options.AlsoAllow?.Invoke(address, port) == true;

    private static Uri? Parse(string? url) =>
        url is { Length: > 0 and <= MaxUrlLength }
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed)
        && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
        && parsed.Host.Length > 0
            ? parsed
            : null;

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static RefusedAddressException? FindRefusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is RefusedAddressException refusal)
                return refusal;
        }

        return null;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Thrown from the connect callback; the handler wraps it in an HttpRequestException.</summary>
    private sealed class RefusedAddressException(string message) : IOException(message);

    /// <summary>The failures, in words safe to show the user who gave the URL (they never name an address).</summary>
    private static class Refused
    {
        public static readonly Error NotHttp = Error.Validation(
            $"The URL must be an absolute http or https URL of at most {MaxUrlLength} characters.");

        public static readonly Error RedirectNotHttp = Error.Validation("The URL redirects to something other than an http or https URL.");

        public static readonly Error UserInfo = Error.Validation("The URL must not contain a user name or password.");

        public static readonly Error Address = Error.Validation(
            "The URL's host is not a public address, so it cannot be fetched.", "Use a URL on the public internet.");

        public static readonly Error Unreachable = Error.Validation("The URL's server could not be reached.");

        public static Error TooLarge(long maxBytes) => Error.Validation(
            string.Create(CultureInfo.InvariantCulture, $"The URL's content is larger than the limit of {maxBytes} bytes."));

        public static Error TimedOut(TimeSpan timeout) => Error.Validation(
            string.Create(CultureInfo.InvariantCulture, $"The URL did not answer in full within {timeout.TotalSeconds:0.#} seconds."));

        public static Error Status(HttpStatusCode status) => Error.Validation(
            string.Create(CultureInfo.InvariantCulture, $"The URL's server answered HTTP {(int)status}."));

        public static Error TooManyRedirects(int max) => Error.Validation(
            string.Create(CultureInfo.InvariantCulture, $"The URL redirects more than {max} times."));
    }
}
