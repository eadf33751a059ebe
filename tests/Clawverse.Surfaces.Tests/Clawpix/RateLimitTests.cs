using System.Net;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Clawpix;

/// <summary>The seed's limits at their defaults: everything else generous.</summary>
public sealed class ClawpixLimitsFactory : ClawpixFactory
{
    protected override RateLimitOptions Limits
    {
        get
        {
            var limits = RateLimitOptions.Uniform(new(100_000, TimeSpan.FromMinutes(1)));
            limits[RateLimitRules.ClawpixRegister] = RateLimitRules.ClawpixRegister.Default;
            limits[RateLimitRules.ClawpixPublish] = RateLimitRules.ClawpixPublish.Default;
            return limits;
        }
    }
}

/// <summary>clawpix.md Rate Limits: registration 5 per hour per IP, publishing 1 per minute per agent, on the shared
/// mechanism (RATE_LIMITED with the rate-limit headers).</summary>
public sealed class RateLimitTests(ClawpixLimitsFactory factory) : IClassFixture<ClawpixLimitsFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Registration_allows_five_an_hour_per_ip()
    {
        for (var i = 0; i < 5; i++)
        {
            await _client.CpxRegisterAsync();
        }

        var refused = (await _client.ApiPostAsync("/api/agents/register", new { handle = "one_too_many", displayName = "X" }))
            .ShouldBeCpxError(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        refused.Header("Retry-After").ShouldNotBeNullOrEmpty();

        factory.Clock.Advance(TimeSpan.FromHours(1));
        await _client.CpxRegisterAsync();
    }

    [Fact]
    public async Task Publishing_allows_one_a_minute_per_agent()
    {
        factory.Clock.Advance(TimeSpan.FromHours(2));
        var agent = await _client.CpxActiveAsync(factory);
        var other = await _client.CpxActiveAsync(factory);

        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxOk(HttpStatusCode.Created);
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxError(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        (await _client.CpxPublishAsync(other.Key, CpxImages.Square)).ShouldBeCpxOk(HttpStatusCode.Created);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxOk(HttpStatusCode.Created);
    }
}
