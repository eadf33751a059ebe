using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Clawverse.Core.Outside;
using Clawverse.Core.Outside.Tweets;
using Clawverse.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clawverse.Core.Tests.Outside;

/// <summary>The tweet check against the local oEmbed stub: which links count as tweets, whether the code is in
/// the tweet, and that every failure of X comes back as unavailable, with the circuit keeping a dead X from
/// being called on every activation attempt.</summary>
public sealed class TweetCheckTests
{
    private const string TweetUrl = "https://x.com/clawpix_owner/status/1884512345678901234";

    [Theory]
    [InlineData("https://x.com/clawpix_owner/status/1884512345678901234", "https://x.com/clawpix_owner/status/1884512345678901234")]
    [InlineData("http://x.com/Clawpix_Owner/status/1884512345678901234/", "https://x.com/clawpix_owner/status/1884512345678901234")]
    [InlineData("https://www.x.com/a/status/1?s=20&t=abc", "https://x.com/a/status/1")]
    [InlineData("https://mobile.x.com/a/status/12#reply", "https://x.com/a/status/12")]
    [InlineData("https://twitter.com/jack/status/20", "https://x.com/jack/status/20")]
    [InlineData("https://WWW.Twitter.com/jack/status/20", "https://x.com/jack/status/20")]
    [InlineData("http://mobile.twitter.com/jack/status/20?lang=en", "https://x.com/jack/status/20")]
    [InlineData("  https://x.com/a_b_c_d_e_f_g_h/status/99  ", "https://x.com/a_b_c_d_e_f_g_h/status/99")]
    public void Tweet_urls_normalize_to_one_canonical_form(string url, string canonical) =>
        TweetUrls.Normalize(url).ShouldBe(canonical);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x.com/a/status/1")]
    [InlineData("ftp://x.com/a/status/1")]
    [InlineData("https://x.com.evil.example/a/status/1")]
    [InlineData("https://evil.example/a/status/1")]
    [InlineData("https://nitter.net/a/status/1")]
    [InlineData("https://x.com:8443/a/status/1")]
    [InlineData("https://user@x.com/a/status/1")]
    [InlineData("https://x.com/a")]
    [InlineData("https://x.com/a/status/")]
    [InlineData("https://x.com/a/status/12ab")]
    [InlineData("https://x.com/a/status/0")]
    [InlineData("https://x.com/a/status/1/photo/1")]
    [InlineData("https://x.com/a/with_replies")]
    [InlineData("https://x.com/i/web/status/1")]
    [InlineData("https://x.com/sixteen_chars_xx/status/1")]
    [InlineData("https://x.com/a-b/status/1")]
    [InlineData("https://x.com/a/status/123456789012345678901")]
    public void Anything_else_is_not_a_tweet_url(string? url) => TweetUrls.Normalize(url).ShouldBeNull();

    [Fact]
    public async Task A_public_tweet_holding_the_code_is_confirmed_whatever_its_case()
    {
        await using var stub = await OEmbedStubServer.StartAsync();
        stub.AddTweet(TweetUrl, "Activating my agent on Clawpix: CLAW-7F3K-Q9", authorName: "Pixel Owner");
        using var checker = Checker(stub.Url);

        var check = await checker.CheckAsync("https://twitter.com/clawpix_owner/status/1884512345678901234?s=46", "claw-7f3k-q9", CancellationToken.None);

        check.Outcome.ShouldBe(TweetCheckOutcome.Confirmed);
        check.AuthorUrl.ShouldBe("https://twitter.com/clawpix_owner");
        check.Message.ShouldNotBeNullOrWhiteSpace();
        var request = stub.Requests.ShouldHaveSingleItem();
        (request.Method, request.Path, request.TweetUrl, request.OmitScript)
            .ShouldBe(("GET", "/oembed", "https://twitter.com/clawpix_owner/status/1884512345678901234", true));
    }

    [Fact]
    public async Task The_code_is_compared_with_the_tweet_text_not_its_html_escaping()
    {
        await using var stub = await OEmbedStubServer.StartAsync();
        // oEmbed encodes the text: the apostrophe arrives as &#39;, the ampersand as &amp;.
        stub.AddTweet(TweetUrl, "Tom & Jerry's agent: it's-claw-42 <3");
        using var checker = Checker(stub.Url);

        (await checker.CheckAsync(TweetUrl, "it's-claw-42", CancellationToken.None)).Outcome.ShouldBe(TweetCheckOutcome.Confirmed);
        (await checker.CheckAsync(TweetUrl, "Tom & Jerry", CancellationToken.None)).Outcome.ShouldBe(TweetCheckOutcome.Confirmed);
    }

    [Fact]
    public async Task A_tweet_without_the_code_is_code_missing()
    {
        await using var stub = await OEmbedStubServer.StartAsync();
        stub.AddTweet(TweetUrl, "Activating my agent on Clawpix: claw-0000");
        using var checker = Checker(stub.Url);

        var check = await checker.CheckAsync(TweetUrl, "claw-7f3k", CancellationToken.None);

        check.Outcome.ShouldBe(TweetCheckOutcome.CodeMissing);
        check.Message.ShouldContain("code is not in it");
        check.AuthorUrl.ShouldBe("https://twitter.com/clawpix_owner");
    }

    [Theory]
    [InlineData("https://example.com/clawpix_owner/status/1")]
    [InlineData("https://x.com/clawpix_owner")]
    [InlineData("not a url")]
    [InlineData("https://x.com/i/web/status/1884512345678901234")]
    public async Task A_link_that_is_not_a_tweet_is_refused_without_a_call(string url)
    {
        await using var stub = await OEmbedStubServer.StartAsync();
        using var checker = Checker(stub.Url);

        var check = await checker.CheckAsync(url, "claw-1", CancellationToken.None);

        check.Outcome.ShouldBe(TweetCheckOutcome.NotATweetUrl);
        check.Message.ShouldContain("not a link to a tweet");
        stub.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_deleted_or_protected_tweet_is_not_found()
    {
        await using var stub = await OEmbedStubServer.StartAsync();
        stub.AddTweet("https://x.com/owner/status/2", "claw-1");
        stub.AddTweet("https://x.com/owner/status/3", "claw-1", isProtected: true);
        stub.RemoveTweet("https://x.com/owner/status/2");
        using var checker = Checker(stub.Url);

        foreach (var url in new[] { "https://x.com/owner/status/1", "https://x.com/owner/status/2", "https://x.com/owner/status/3" })
        {
            var check = await checker.CheckAsync(url, "claw-1", CancellationToken.None);
            check.Outcome.ShouldBe(TweetCheckOutcome.TweetNotFound, url);
            check.Message.ShouldContain("No public tweet");
        }
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(400)]
    public async Task A_failing_status_is_unavailable(int status)
    {
        await using var stub = await OEmbedStubServer.StartAsync();
        stub.AddTweet(TweetUrl, "claw-1");
        stub.FailWith(status);
        using var checker = Checker(stub.Url);

        var check = await checker.CheckAsync(TweetUrl, "claw-1", CancellationToken.None);

        check.Outcome.ShouldBe(TweetCheckOutcome.Unavailable);
        check.Message.ShouldContain("could not be checked right now");
    }

    [Theory]
    [InlineData("<html>Over capacity</html>")]
    [InlineData("""{"type": "rich"}""")]
    [InlineData("""{"html": 42}""")]
    [InlineData("""["html"]""")]
    public async Task A_body_that_is_not_oembed_json_is_unavailable(string body)
    {
        await using var stub = await OEmbedStubServer.StartAsync();
        stub.AnswerWith(body);
        using var checker = Checker(stub.Url);

        (await checker.CheckAsync(TweetUrl, "claw-1", CancellationToken.None)).Outcome.ShouldBe(TweetCheckOutcome.Unavailable);
    }

    [Fact]
    public async Task A_slow_answer_times_out_as_unavailable()
    {
        await using var stub = await OEmbedStubServer.StartAsync();
        stub.AddTweet(TweetUrl, "claw-1");
        stub.DelayBy(TimeSpan.FromSeconds(10));
        using var checker = Checker(stub.Url, timeout: TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        (await checker.CheckAsync(TweetUrl, "claw-1", CancellationToken.None)).Outcome.ShouldBe(TweetCheckOutcome.Unavailable);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the timeout bounds the call");
    }

    [Fact]
    public async Task A_dead_endpoint_is_unavailable()
    {
        using var checker = Checker($"http://127.0.0.1:{UnusedPort()}/oembed");

        (await checker.CheckAsync(TweetUrl, "claw-1", CancellationToken.None)).Outcome.ShouldBe(TweetCheckOutcome.Unavailable);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_swallowed()
    {
        await using var stub = await OEmbedStubServer.StartAsync();
        stub.DelayBy(TimeSpan.FromSeconds(10));
        using var checker = Checker(stub.Url);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(() => checker.CheckAsync(TweetUrl, "claw-1", cancel.Token));
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_and_later_checks_do_not_reach_x()
    {
        await using var stub = await OEmbedStubServer.StartAsync();
        stub.AddTweet(TweetUrl, "claw-1");
        stub.FailWith(503);
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var circuit = new OutsideServiceCircuit(OutsideServiceNames.TweetOEmbed, HttpTweetChecker.IsCallFailure, clock,
            new CircuitSettings { FailuresToOpen = 2, BreakDuration = TimeSpan.FromSeconds(30) });
        using var checker = Checker(stub.Url, circuit: circuit);

        (await checker.CheckAsync(TweetUrl, "claw-1", CancellationToken.None)).Outcome.ShouldBe(TweetCheckOutcome.Unavailable);
        (await checker.CheckAsync(TweetUrl, "claw-1", CancellationToken.None)).Outcome.ShouldBe(TweetCheckOutcome.Unavailable);
        circuit.State.ShouldBe("open");
        (await checker.CheckAsync(TweetUrl, "claw-1", CancellationToken.None)).Outcome.ShouldBe(TweetCheckOutcome.Unavailable);
        stub.Requests.Count.ShouldBe(2, "the third check must not reach the failing service");

        stub.Recover();
        clock.Advance(TimeSpan.FromSeconds(31));
        (await checker.CheckAsync(TweetUrl, "claw-1", CancellationToken.None)).Outcome.ShouldBe(TweetCheckOutcome.Confirmed);
        circuit.State.ShouldBe("closed");
    }

    [Fact]
    public async Task Missing_tweets_do_not_count_against_the_circuit()
    {
        await using var stub = await OEmbedStubServer.StartAsync();
        var circuit = new OutsideServiceCircuit(OutsideServiceNames.TweetOEmbed, HttpTweetChecker.IsCallFailure, TimeProvider.System,
            new CircuitSettings { FailuresToOpen = 2 });
        using var checker = Checker(stub.Url, circuit: circuit);

        for (var i = 0; i < 4; i++)
            (await checker.CheckAsync(TweetUrl, "claw-1", CancellationToken.None)).Outcome.ShouldBe(TweetCheckOutcome.TweetNotFound);

        circuit.State.ShouldBe("closed", "a missing tweet says nothing about the service");
    }

    [Fact]
    public async Task The_registered_checker_is_http_behind_the_named_circuit()
    {
        await using var stub = await OEmbedStubServer.StartAsync();
        stub.AddTweet(TweetUrl, "claw-1");
        await using var provider = new ServiceCollection().AddLogging()
            .AddTweetCheck(new TweetCheckOptions { Url = stub.Url })
            .BuildServiceProvider();

        var checker = provider.GetRequiredService<ITweetChecker>();

        checker.ShouldBeOfType<HttpTweetChecker>();
        (await checker.CheckAsync(TweetUrl, "claw-1", CancellationToken.None)).Outcome.ShouldBe(TweetCheckOutcome.Confirmed);
        new OutsideServices(provider.GetServices<OutsideServiceCircuit>()).Find(OutsideServiceNames.TweetOEmbed).ShouldNotBeNull().State.ShouldBe("closed");
    }

    [Fact]
    public void The_default_endpoint_is_x_oembed() =>
        new TweetCheckOptions().Url.ShouldBe("https://publish.twitter.com/oembed");

    private static HttpTweetChecker Checker(string url, TimeSpan? timeout = null, OutsideServiceCircuit? circuit = null) => new(
        new TweetCheckOptions { Url = url, Timeout = timeout ?? TimeSpan.FromSeconds(5) },
        circuit ?? new OutsideServiceCircuit(OutsideServiceNames.TweetOEmbed, HttpTweetChecker.IsCallFailure, TimeProvider.System),
        NullLogger<HttpTweetChecker>.Instance);

    private static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
