using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Testing;

/// <summary>One request as the oEmbed stub received it: the tweet URL asked about and whether the script was omitted.</summary>
public sealed record OEmbedStubRequest(string Method, string Path, string? TweetUrl, bool OmitScript);

/// <summary>
/// X's oEmbed endpoint on a free loopback port (Kestrel): <c>GET /oembed?url={tweet URL}</c> answers, for a tweet
/// added here, the real endpoint's JSON (<c>url</c>, <c>author_name</c>, <c>author_url</c>, <c>html</c> with the
/// blockquote holding the HTML-encoded text, <c>type</c> rich, <c>provider_name</c> Twitter...); 404 for an
/// unknown tweet, 403 for a protected one. Tweets are found by status id whatever the host (x.com, twitter.com)
/// or user in the asked URL, as on X. It records every request, and can be told to fail, to answer garbage or
/// to answer late. Point <c>TweetCheckOptions.Url</c> at <see cref="Url"/>.
/// </summary>
public sealed partial class OEmbedStubServer : IAsyncDisposable
{
    private LoopbackApp _app = null!;
    private readonly ConcurrentDictionary<string, StubTweet> _tweets = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<OEmbedStubRequest> _requests = new();
    private volatile Behaviour _behaviour = Behaviour.Normal;

    private OEmbedStubServer()
    {
    }

    /// <summary>The endpoint: <c>http://127.0.0.1:{port}/oembed</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>Every request received, in order, including the ones told to fail.</summary>
    public IReadOnlyCollection<OEmbedStubRequest> Requests => _requests;

    public static async Task<OEmbedStubServer> StartAsync()
    {
        var stub = new OEmbedStubServer();
        stub._app = await LoopbackApp.StartAsync(stub.HandleAsync);
        stub.Url = stub._app.Origin + "/oembed";
        return stub;
    }

    /// <summary>A public tweet at this URL (https://x.com/{user}/status/{id} or twitter.com) with this text, posted
    /// by <paramref name="authorName"/> (the display name; the handle is the URL's user).</summary>
    public void AddTweet(string tweetUrl, string text, string authorName = "Stub Owner", bool isProtected = false)
    {
        var (user, id) = ParseTweetUrl(tweetUrl) ?? throw new ArgumentException($"Not a tweet URL: {tweetUrl}", nameof(tweetUrl));
        _tweets[id] = new StubTweet(user, id, text, authorName, isProtected);
    }

    /// <summary>The tweet is deleted: from now on it answers 404.</summary>
    public void RemoveTweet(string tweetUrl)
    {
        if (ParseTweetUrl(tweetUrl) is { } parsed)
            _tweets.TryRemove(parsed.Id, out _);
    }

    /// <summary>From now on every request is answered with this status and an error body.</summary>
    public void FailWith(int statusCode) => _behaviour = _behaviour with { FailStatus = statusCode, RawBody = null };

    /// <summary>From now on every request is answered 200 with this body, as it is (bad JSON, say).</summary>
    public void AnswerWith(string rawBody) => _behaviour = _behaviour with { RawBody = rawBody, FailStatus = null };

    /// <summary>From now on every answer waits this long first (or until the client hangs up).</summary>
    public void DelayBy(TimeSpan delay) => _behaviour = _behaviour with { Delay = delay };

    /// <summary>Back to answering from the tweets held.</summary>
    public void Recover() => _behaviour = Behaviour.Normal;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>The oEmbed html of a tweet, as X renders it with omit_script=1.</summary>
    public static string RenderHtml(string user, string id, string text, string authorName) =>
        $"<blockquote class=\"twitter-tweet\"><p lang=\"en\" dir=\"ltr\">{WebUtility.HtmlEncode(text)}</p>&mdash; {WebUtility.HtmlEncode(authorName)} (@{user}) "
        + $"<a href=\"https://twitter.com/{user}/status/{id}?ref_src=twsrc%5Etfw\">January 30, 2026</a></blockquote>\n";

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var tweetUrl = request.Query["url"].FirstOrDefault();
        _requests.Enqueue(new OEmbedStubRequest(request.Method, request.Path.Value ?? string.Empty, tweetUrl, request.Query["omit_script"] == "1"));

        var behaviour = _behaviour;
        if (behaviour.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(behaviour.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (behaviour.FailStatus is { } status)
        {
            await WriteAsync(context, status, new JsonObject { ["error"] = "Stub told to fail" });
            return;
        }

        if (behaviour.RawBody is { } raw)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(raw);
            return;
        }

        if (!HttpMethods.IsGet(request.Method) || request.Path.Value != "/oembed"
            || ParseTweetUrl(tweetUrl) is not { } asked || !_tweets.TryGetValue(asked.Id, out var tweet))
        {
            // X answers an unknown or deleted tweet with a bare 404.
            context.Response.StatusCode = 404;
            return;
        }

        if (tweet.IsProtected)
        {
            context.Response.StatusCode = 403;
            return;
        }

        await WriteAsync(context, 200, new JsonObject
        {
            ["url"] = $"https://twitter.com/{tweet.User}/status/{tweet.Id}",
            ["author_name"] = tweet.AuthorName,
            ["author_url"] = $"https://twitter.com/{tweet.User}",
            ["html"] = RenderHtml(tweet.User, tweet.Id, tweet.Text, tweet.AuthorName),
            ["width"] = 550,
            ["height"] = null,
            ["type"] = "rich",
            ["cache_age"] = "3153600000",
            ["provider_name"] = "Twitter",
            ["provider_url"] = "https://twitter.com",
            ["version"] = "1.0",
        });
    }

    private static (string User, string Id)? ParseTweetUrl(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var parsed))
            return null;
        var match = StatusPath().Match(parsed.AbsolutePath);
        return match.Success ? (match.Groups[1].Value, ulong.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)) : null;
    }

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    [GeneratedRegex("^/([A-Za-z0-9_]{1,15})/status/([0-9]{1,20})/?$")]
    private static partial Regex StatusPath();

    private sealed record StubTweet(string User, string Id, string Text, string AuthorName, bool IsProtected);

    private sealed record Behaviour(int? FailStatus, string? RawBody, TimeSpan Delay)
    {
        public static readonly Behaviour Normal = new(null, null, TimeSpan.Zero);
    }
}
