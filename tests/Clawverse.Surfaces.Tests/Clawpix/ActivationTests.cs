using System.Net;
using Clawverse.Host.Admin;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Clawpix;

/// <summary>clawpix.md §2: a human activates the agent before it can publish. Three ways: the activation page and a
/// tweet (checked through the oEmbed stub), the operator's command, or an owner's email claim.</summary>
public sealed class ActivationTests(ClawpixFactory factory) : IClassFixture<ClawpixFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Publishing_before_activation_is_agent_not_activated()
    {
        var agent = await _client.CpxRegisterAsync();
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxError(HttpStatusCode.Forbidden, "AGENT_NOT_ACTIVATED");
    }

    [Fact]
    public async Task The_human_tweets_the_code_submits_the_tweet_on_the_page_and_the_agent_becomes_active()
    {
        var agent = await _client.CpxRegisterAsync();
        var page = new Uri(agent.ActivationUrl).AbsolutePath;

        var shown = await PageAsync(HttpMethod.Get, page);
        shown.Status.ShouldBe(HttpStatusCode.OK);
        shown.Html.ShouldContain(agent.Code);
        shown.Html.ShouldContain("@" + agent.Handle);
        shown.Html.ShouldContain("name=\"tweet_url\"");

        // A tweet URL that is not one, a tweet without the code, a tweet X does not show: the page says why.
        (await PageAsync(HttpMethod.Post, page, "https://example.com/not/a/tweet")).Html.ShouldContain("not the URL of a tweet");
        var withoutCode = $"https://x.com/owner/status/1111{Random.Shared.Next(100000, 999999)}";
        factory.OEmbed.AddTweet(withoutCode, "Just setting up my agent!");
        var missing = await PageAsync(HttpMethod.Post, page, withoutCode);
        missing.Status.ShouldBe(HttpStatusCode.BadRequest);
        missing.Html.ShouldContain("the activation code is not in it");
        var gone = await PageAsync(HttpMethod.Post, page, $"https://x.com/someone/status/2222{Random.Shared.Next(100000, 999999)}");
        gone.Status.ShouldBe(HttpStatusCode.NotFound);
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxError(HttpStatusCode.Forbidden, "AGENT_NOT_ACTIVATED");

        // twitter.com links are X links too.
        var tweet = $"https://twitter.com/owner/status/3333{Random.Shared.Next(100000, 999999)}";
        factory.OEmbed.AddTweet(tweet.Replace("twitter.com", "x.com", StringComparison.Ordinal), $"Activating my agent on Clawverse: {agent.Code}");
        var done = await PageAsync(HttpMethod.Post, page, tweet);
        done.Status.ShouldBe(HttpStatusCode.OK, done.Html);
        done.Html.ShouldContain(agent.Handle + " is active");

        (await _client.ApiGetAsync("/api/agents/me", agent.Key)).Body.GetProperty("agent").Text("status").ShouldBe("active");
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxOk(HttpStatusCode.Created);
        (await PageAsync(HttpMethod.Get, page)).Html.ShouldContain("is active");
    }

    [Fact]
    public async Task X_being_down_is_said_on_the_page_and_activates_nothing()
    {
        var agent = await _client.CpxRegisterAsync();
        var tweet = $"https://x.com/owner/status/4444{Random.Shared.Next(100000, 999999)}";
        factory.OEmbed.AddTweet(tweet, agent.Code);
        factory.OEmbed.FailWith(503);
        try
        {
            var answer = await PageAsync(HttpMethod.Post, new Uri(agent.ActivationUrl).AbsolutePath, tweet);
            answer.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
            answer.Html.ShouldContain("could not be checked right now");
        }
        finally
        {
            factory.OEmbed.Recover();
        }

        (await _client.ApiGetAsync("/api/agents/me", agent.Key)).Body.GetProperty("agent").Text("status").ShouldBe("pending_activation");
    }

    [Fact]
    public async Task One_activation_link_gets_ten_tweet_checks_an_hour()
    {
        var agent = await _client.CpxRegisterAsync();
        var page = new Uri(agent.ActivationUrl).AbsolutePath;
        var tweet = $"https://x.com/owner/status/5555{Random.Shared.Next(100000, 999999)}";
        factory.OEmbed.AddTweet(tweet, "No code here");
        for (var i = 0; i < 10; i++)
        {
            (await PageAsync(HttpMethod.Post, page, tweet)).Status.ShouldBe(HttpStatusCode.BadRequest);
        }

        var refused = await PageAsync(HttpMethod.Post, page, tweet);
        refused.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Html.ShouldContain("tried 10 times");

        factory.Clock.Advance(TimeSpan.FromHours(1));
        (await PageAsync(HttpMethod.Post, page, tweet)).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_code_is_a_404_page()
    {
        (await PageAsync(HttpMethod.Get, "/activate/CLAW-AAAAAAAAAAAAAAAA")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await PageAsync(HttpMethod.Get, "/activate/nonsense")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await PageAsync(HttpMethod.Post, "/activate/CLAW-AAAAAAAAAAAAAAAA", "https://x.com/a/status/1")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_operator_lists_pending_agents_and_activates_one()
    {
        var agent = await _client.CpxRegisterAsync();

        var list = await factory.AdminAsync("agents", "list", "--pending");
        list.Exit.ShouldBe(0, list.Stderr);
        list.Stdout.ShouldContain(agent.Handle + "\tTest Painter\t");

        var activated = await factory.AdminAsync("agents", "activate", agent.Handle);
        activated.Exit.ShouldBe(0, activated.Stderr);
        activated.Stdout.ShouldContain("activated");
        (await factory.AdminAsync("agents", "list", "--pending")).Stdout.ShouldNotContain(agent.Handle + "\t");
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxOk(HttpStatusCode.Created);

        var unknown = await factory.AdminAsync("agents", "activate", "no_such_agent_here");
        unknown.Exit.ShouldBe(AdminCli.Refused);
        unknown.Stderr.ShouldContain("error:");
    }

    [Fact]
    public async Task An_owners_email_claim_through_the_Clawgram_flow_also_counts()
    {
        var agent = await _client.CpxRegisterAsync();
        await _client.ClaimAsync(factory, agent.Key, $"{agent.Handle}@owners.test");

        (await _client.ApiGetAsync("/api/agents/me", agent.Key)).Body.GetProperty("agent").Text("status").ShouldBe("active");
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxOk(HttpStatusCode.Created);
    }

    private async Task<(HttpStatusCode Status, string Html)> PageAsync(HttpMethod method, string path, string? tweetUrl = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (tweetUrl is not null)
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["tweet_url"] = tweetUrl });
        }

        using var response = await _client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
