using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace Clawverse.Core.Outside.Tweets;

/// <summary>
/// The tweet check over X's oEmbed endpoint: <c>GET {url}?url={tweet}&amp;omit_script=1</c> answers, for a
/// public tweet, JSON whose <c>html</c> is a blockquote with the tweet's text, with no API key and no login.
/// The code counts as present when it appears in that html once HTML entities are decoded, compared without
/// regard to case (X keeps the case the owner typed, owners retype codes). Each call is bounded in time and
/// size and runs behind the <see cref="OutsideServiceNames.TweetOEmbed"/> circuit, so an X outage costs one
/// timeout per break instead of one per activation attempt.
/// </summary>
public sealed class HttpTweetChecker : ITweetChecker, IDisposable
{
    /// <summary>An oEmbed answer is about a kilobyte; anything far larger is not one.</summary>
    public const int MaxResponseBytes = 256 * 1024;

    internal const string ConfirmedMessage = "The tweet holds the activation code.";

    internal const string CodeMissingMessage =
        "The tweet was found, but the activation code is not in it. Post the code exactly as shown on this page, then try again.";

    internal const string NotATweetUrlMessage =
        "That is not a link to a tweet. Paste the tweet's own address, like https://x.com/yourname/status/1234567890.";

    internal const string NotFoundMessage =
        "No public tweet was found at that link. It may be deleted, protected or not posted yet: make sure it is public and try again.";

    internal const string UnavailableMessage =
        "The tweet could not be checked right now because X did not answer. Try again in a few minutes, or ask the operator to approve the agent.";

    private readonly HttpClient _http;
    private readonly string _endpoint;
    private readonly TimeSpan _timeout;
    private readonly OutsideServiceCircuit _circuit;
    private readonly ILogger<HttpTweetChecker> _logger;

    public HttpTweetChecker(TweetCheckOptions options, OutsideServiceCircuit circuit, ILogger<HttpTweetChecker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var url = OutsideHttp.RequireHttpUrl(options.Url, "tweet oEmbed");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options));

        _endpoint = url.AbsoluteUri;
        _timeout = options.Timeout;
        _circuit = circuit;
        _logger = logger;
        // The operator's endpoint may move (publish.twitter.com has before); no key rides along to leak.
        _http = OutsideHttp.CreateJsonClient(options.Timeout, MaxResponseBytes, maxRedirects: 3);
    }

    public async Task<TweetCheck> CheckAsync(string tweetUrl, string code, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        // Anything but a tweet's link is refused before a request leaves: oEmbed renders other X pages too.
        if (TweetUrls.ForOEmbed(tweetUrl) is not { } tweet)
            return new TweetCheck(TweetCheckOutcome.NotATweetUrl, NotATweetUrlMessage);

        var separator = _endpoint.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var url = new Uri($"{_endpoint}{separator}url={Uri.EscapeDataString(tweet)}&omit_script=1");
        OEmbedAnswer? answer = null;
        try
        {
            await _circuit.ExecuteAsync(async token => answer = await FetchAsync(url, token), ct);
        }
        catch (BrokenCircuitException)
        {
            _logger.LogWarning("Tweet oEmbed circuit open after repeated failures; check answered as unavailable");
            return Unavailable();
        }
        catch (Exception e) when (!ct.IsCancellationRequested && IsCallFailure(e))
        {
            _logger.LogWarning(e, "Tweet oEmbed call failed; check answered as unavailable");
            return Unavailable();
        }

        return answer switch
        {
            null or { Refused: true } => Unavailable(),
            { Found: false } => new TweetCheck(TweetCheckOutcome.TweetNotFound, NotFoundMessage),
            _ when WebUtility.HtmlDecode(answer.Html).Contains(code.Trim(), StringComparison.OrdinalIgnoreCase) =>
                new TweetCheck(TweetCheckOutcome.Confirmed, ConfirmedMessage, answer.AuthorUrl),
            _ => new TweetCheck(TweetCheckOutcome.CodeMissing, CodeMissingMessage, answer.AuthorUrl),
        };
    }

    /// <summary>What counts against the circuit: the network, the deadline, a status that says the service is
    /// failing or refusing us, a body that is not oEmbed JSON. The caller's cancellation does not.</summary>
    public static bool IsCallFailure(Exception e) =>
        e is HttpRequestException or TweetCheckCallException or JsonException or TimeoutException or IOException;

    private static TweetCheck Unavailable() => new(TweetCheckOutcome.Unavailable, UnavailableMessage);

    /// <summary>Returns for the answers that say something about the tweet; throws for the ones that say the
    /// service is failing, so only those count against the circuit.</summary>
    private async Task<OEmbedAnswer> FetchAsync(Uri url, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_timeout);
        try
        {
            using var response = await _http.GetAsync(url, deadline.Token);
            // oEmbed answers 404 for a deleted or unknown tweet and 403 for a protected one: no public tweet there.
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Gone)
                return OEmbedAnswer.NotFound;
            if ((int)response.StatusCode is >= 400 and < 500
                && response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
            {
                // Up, and refusing this one request: unavailable, but no reason to stop calling it.
                _logger.LogWarning("Tweet oEmbed answered {Status}", (int)response.StatusCode);
                return OEmbedAnswer.RefusedRequest;
            }

            if (!response.IsSuccessStatusCode)
                throw new TweetCheckCallException($"Tweet oEmbed answered {(int)response.StatusCode}");

            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("html", out var html) || html.ValueKind != JsonValueKind.String)
                throw new TweetCheckCallException("Tweet oEmbed answered JSON without an html string");
            var author = root.TryGetProperty("author_url", out var authorUrl) && authorUrl.ValueKind == JsonValueKind.String
                && Uri.TryCreate(authorUrl.GetString(), UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttps
                    ? parsed.AbsoluteUri
                    : null;
            return new OEmbedAnswer(true, false, html.GetString() ?? string.Empty, author);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Tweet oEmbed did not answer within {_timeout}", e);
        }
    }

    public void Dispose() => _http.Dispose();

    private sealed record OEmbedAnswer(bool Found, bool Refused, string Html, string? AuthorUrl)
    {
        public static readonly OEmbedAnswer NotFound = new(false, false, string.Empty, null);

        public static readonly OEmbedAnswer RefusedRequest = new(false, true, string.Empty, null);
    }
}

/// <summary>oEmbed answered, but not with something usable: a failing status or a body that is not oEmbed JSON.</summary>
public sealed class TweetCheckCallException(string message) : Exception(message);
