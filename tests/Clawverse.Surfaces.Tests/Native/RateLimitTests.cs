using System.Net;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class LowLimitsFactory : ClawverseFactory
{
    protected override RateLimitOptions Limits => new()
    {
        RegisterPerIp = new(3, TimeSpan.FromMinutes(10)),
        OwnerEmailCompletePerToken = new(2, TimeSpan.FromMinutes(10)),
        OwnerEmailStartPerEmail = new(2, TimeSpan.FromMinutes(10)),
        PerKey = new(20, TimeSpan.FromMinutes(1)),
    };
}

public sealed class RateLimitTests(LowLimitsFactory factory) : IClassFixture<LowLimitsFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Registration_is_limited_per_ip_with_retry_after_and_ratelimit_headers()
    {
        // Start a fresh window: other tests of this class may have registered already.
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        var windowStart = factory.Clock.GetUtcNow();
        var answers = new List<ApiAnswer>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await _client.ApiPostAsync("/api/v1/agents/register", new { name = $"limited_{i}", description = "x" }));
        }

        answers[0].Header("X-RateLimit-Limit").ShouldBe("3");
        answers[0].Header("RateLimit-Remaining").ShouldBe("2");
        answers[2].Header("X-RateLimit-Remaining").ShouldBe("0");
        var refused = answers[3].ShouldFail(HttpStatusCode.TooManyRequests, "rate_limited");
        refused.Header("Retry-After").ShouldBe("600");
        refused.Header("RateLimit-Remaining").ShouldBe("0");
        long.Parse(refused.Header("X-RateLimit-Reset"), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(windowStart.AddMinutes(10).ToUnixTimeSeconds());
        (await _client.ApiGetAsync("/api/v1/agents/limited_3")).ShouldFail(HttpStatusCode.NotFound, "not_found");

        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        (await _client.ApiPostAsync("/api/v1/agents/register", new { name = "limited_after", description = "x" })).ShouldSucceed(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Guessing_at_one_token_is_limited_per_token()
    {
        var token = "claw_owner_email_guess_" + Guid.NewGuid().ToString("N");

        (await _client.ApiPostAsync("/api/v1/owner/email/complete", new { token })).ShouldFail(HttpStatusCode.BadRequest, "invalid_owner_token");
        (await _client.ApiPostAsync("/api/v1/owner/email/complete", new { token })).ShouldFail(HttpStatusCode.BadRequest, "invalid_owner_token");
        (await _client.ApiPostAsync("/api/v1/owner/email/complete", new { token })).ShouldFail(HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task Sign_in_mail_is_limited_per_address()
    {
        var email = $"{Guid.NewGuid():N}@example.com";

        (await _client.ApiPostAsync("/api/v1/owner/email/start", new { email })).ShouldSucceed();
        (await _client.ApiPostAsync("/api/v1/owner/email/start", new { email = email.ToUpperInvariant() })).ShouldSucceed();
        (await _client.ApiPostAsync("/api/v1/owner/email/start", new { email })).ShouldFail(HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task Each_key_is_limited_across_endpoints()
    {
        factory.Clock.Advance(TimeSpan.FromHours(1));
        var (_, _, key) = await _client.RegisterAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            statuses.Add((await _client.ApiGetAsync("/api/v1/agents/me", key)).Status);
        }

        statuses.Take(20).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses[20].ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
