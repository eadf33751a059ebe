using System.Net;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawNet;

/// <summary>The shared limits generous, ClawNet's at the seed's values.</summary>
public sealed class SeedLimitsFactory : ClawverseFactory
{
    protected override RateLimitOptions Limits
    {
        get
        {
            var options = RateLimitOptions.Uniform(new(100_000, TimeSpan.FromMinutes(1)));
            foreach (var definition in RateLimitRules.All.Where(d => d.Name.StartsWith("clawnet-", StringComparison.Ordinal)))
            {
                options[definition] = definition.Default;
            }

            return options;
        }
    }
}

/// <summary>ClawNet's rate-limit table, its 429 body, its headers and GET /me/rate-limits. Every test starts
/// two hours on, so no window of an earlier test is still open.</summary>
public sealed class RateLimitTests(SeedLimitsFactory factory) : IClassFixture<SeedLimitsFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Send_allows_10_an_hour_for_a_new_account_and_60_once_it_is_a_day_old()
    {
        factory.Clock.Advance(TimeSpan.FromHours(2));
        var (_, token) = await _client.JoinAsync();
        var (peer, _) = await _client.JoinAsync();
        for (var i = 0; i < 10; i++)
        {
            await _client.SendAsync(token, peer, "n" + i);
        }

        var refused = (await _client.NetPostAsync("/send", new { to = peer, message = "one more" }, token))
            .ShouldBeError(HttpStatusCode.TooManyRequests, "rate_limited");
        refused.Body.Text("message").ShouldBe("Too many requests. Limit: 10/hour for send.");
        refused.Body.Text("action").ShouldBe("send");
        refused.Body.GetProperty("limit").GetInt32().ShouldBe(10);
        refused.Body.Text("window").ShouldBe("1 hour");
        int.Parse(refused.Header("Retry-After"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 3600);

        var send = (await _client.NetGetAsync("/me/rate-limits", token)).ShouldBeOk().Body.GetProperty("rate_limits").GetProperty("send");
        send.GetProperty("limit").GetInt32().ShouldBe(10);
        send.GetProperty("remaining").GetInt32().ShouldBe(0);

        factory.Clock.Advance(TimeSpan.FromHours(25));
        for (var i = 0; i < 60; i++)
        {
            await _client.SendAsync(token, peer, "m" + i);
        }

        var later = (await _client.NetPostAsync("/send", new { to = peer, message = "61" }, token)).ShouldBeError(HttpStatusCode.TooManyRequests, "rate_limited");
        later.Body.GetProperty("limit").GetInt32().ShouldBe(60);
        later.Body.Text("message").ShouldBe("Too many requests. Limit: 60/hour for send.");
        // Every authenticated answer, a refusal too, carries the POST /posts rule in X-RateLimit-*.
        later.Header("X-RateLimit-Limit").ShouldBe("10");
    }

    [Fact]
    public async Task A_refusal_is_not_replayed_to_a_retry_with_the_same_idempotency_key()
    {
        factory.Clock.Advance(TimeSpan.FromHours(2));
        var (_, token) = await _client.JoinAsync();
        var (peer, _) = await _client.JoinAsync();
        for (var i = 0; i < 10; i++)
        {
            await _client.SendAsync(token, peer, "n" + i);
        }

        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "retry-after-429" };
        (await _client.ApiPostAsync("/clawnet/send", new { to = peer, message = "later" }, token, headers))
            .ShouldBeError(HttpStatusCode.TooManyRequests, "rate_limited");
        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        var retried = (await _client.ApiPostAsync("/clawnet/send", new { to = peer, message = "later" }, token, headers)).ShouldBeOk();
        (await _client.ApiPostAsync("/clawnet/send", new { to = peer, message = "later" }, token, headers)).ShouldBeOk()
            .Body.Text("id").ShouldBe(retried.Body.Text("id"));
    }

    [Fact]
    public async Task Authenticated_answers_carry_the_posts_rule_and_rate_limits_lists_every_action()
    {
        factory.Clock.Advance(TimeSpan.FromHours(2));
        var (_, token) = await _client.JoinAsync();

        var check = (await _client.NetGetAsync("/inbox/check", token)).ShouldBeOk();
        check.Header("X-RateLimit-Limit").ShouldBe("10");
        check.Header("X-RateLimit-Remaining").ShouldBe("10");
        long.Parse(check.Header("X-RateLimit-Reset"), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(factory.Clock.GetUtcNow().ToUnixTimeSeconds());

        var limits = (await _client.NetGetAsync("/me/rate-limits", token)).ShouldBeOk().Body.GetProperty("rate_limits");
        var expected = new Dictionary<string, int>
        {
            ["send"] = 10, ["posts"] = 10, ["react"] = 60, ["inbox"] = 120, ["inbox_check"] = 600,
            ["messages"] = 300, ["notifications"] = 120, ["token_rotate"] = 10,
        };
        limits.EnumerateObject().Select(p => p.Name).ShouldBe(expected.Keys, ignoreOrder: true);
        foreach (var (action, limit) in expected)
        {
            var state = limits.GetProperty(action);
            state.GetProperty("limit").GetInt32().ShouldBe(limit, action);
            state.Text("window").ShouldBe("1 hour");
            DateTimeOffset.Parse(state.Text("reset_at"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(factory.Clock.GetUtcNow());
        }

        limits.GetProperty("inbox_check").GetProperty("remaining").GetInt32().ShouldBe(599);
        limits.GetProperty("inbox").GetProperty("remaining").GetInt32().ShouldBe(120);
    }

    [Fact]
    public async Task Messages_and_conversations_share_one_budget_of_300()
    {
        factory.Clock.Advance(TimeSpan.FromHours(2));
        var (peer, _) = await _client.JoinAsync();
        var (_, token) = await _client.JoinAsync();
        for (var i = 0; i < 150; i++)
        {
            (await _client.NetGetAsync("/messages/" + peer, token)).ShouldBeOk();
            (await _client.NetGetAsync("/conversations", token)).ShouldBeOk();
        }

        var refused = (await _client.NetGetAsync("/conversations", token)).ShouldBeError(HttpStatusCode.TooManyRequests, "rate_limited");
        refused.Body.Text("action").ShouldBe("messages");
        refused.Body.GetProperty("limit").GetInt32().ShouldBe(300);
        (await _client.NetGetAsync("/inbox/check", token)).ShouldBeOk();
    }

    [Fact]
    public async Task Registration_allows_10_an_hour_per_ip()
    {
        factory.Clock.Advance(TimeSpan.FromHours(2));
        for (var i = 0; i < 10; i++)
        {
            await _client.JoinAsync();
        }

        var refused = (await _client.NetPostAsync("/register", new { agent_id = "one_too_many_" + Guid.NewGuid().ToString("N")[..8] }))
            .ShouldBeError(HttpStatusCode.TooManyRequests, "rate_limited");
        refused.Body.Text("action").ShouldBe("register");
        refused.Body.GetProperty("limit").GetInt32().ShouldBe(10);
        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        await _client.JoinAsync();
    }

    [Fact]
    public async Task Token_rotation_allows_10_an_hour()
    {
        factory.Clock.Advance(TimeSpan.FromHours(2));
        var (_, token) = await _client.JoinAsync();
        for (var i = 0; i < 10; i++)
        {
            token = (await _client.NetPostAsync("/me/token/rotate", token: token)).ShouldBeOk().Body.Text("token");
        }

        (await _client.NetPostAsync("/me/token/rotate", token: token)).ShouldBeError(HttpStatusCode.TooManyRequests, "rate_limited")
            .Body.Text("action").ShouldBe("token_rotate");
    }
}
