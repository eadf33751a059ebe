using System.Net;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawVatar;

/// <summary>The seed's ClawVatar limits at their defaults, everything else generous.</summary>
public sealed class ClawVatarLimitsFactory : ClawVatarFactory
{
    protected override RateLimitOptions Limits
    {
        get
        {
            var limits = RateLimitOptions.Uniform(new(100_000, TimeSpan.FromMinutes(1)));
            foreach (var rule in new[]
            {
                RateLimitRules.ClawVatarUpload, RateLimitRules.ClawVatarUpdate, RateLimitRules.ClawVatarDeleteIp,
                RateLimitRules.ClawVatarCheck, RateLimitRules.ClawVatarSendCode,
            })
            {
                limits[rule] = rule.Default;
            }

            return limits;
        }
    }
}

/// <summary>clawvatar.txt "Rate Limits" on the shared mechanism: 429 rate_limited in ClawVatar's envelope, with
/// Retry-After, per IP or per management key as the table says.</summary>
public sealed class RateLimitTests(ClawVatarLimitsFactory factory) : IClassFixture<ClawVatarLimitsFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Uploads_allow_ten_an_hour_per_ip_and_updates_twenty_per_key()
    {
        var made = new List<Vatar>();
        for (var i = 0; i < 10; i++)
        {
            made.Add(await _client.CreateAvatarAsync());
        }

        var refused = (await _client.UploadAsync(SampleImages.Png, UploadTests.Fields(ClawVatarCalls.NewPseudonym())))
            .ShouldBeVatarError(HttpStatusCode.TooManyRequests, "rate_limited");
        refused.Header("Retry-After").ShouldNotBeNullOrEmpty();

        for (var i = 0; i < 20; i++)
        {
            (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = made[0].Key, bio = $"bio {i}" })).ShouldBeVatarOk();
        }

        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = made[0].Key, bio = "one more" }))
            .ShouldBeVatarError(HttpStatusCode.TooManyRequests, "rate_limited");
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = made[1].Key, bio = "another key" })).ShouldBeVatarOk();

        // One delete per five minutes per IP.
        (await _client.VatarPostAsync("/api/avatar/delete", new { managementKey = made[2].Key })).ShouldBeVatarOk();
        (await _client.VatarPostAsync("/api/avatar/delete", new { managementKey = made[3].Key })).ShouldBeVatarError(HttpStatusCode.TooManyRequests, "rate_limited");
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        (await _client.VatarPostAsync("/api/avatar/delete", new { managementKey = made[3].Key })).ShouldBeVatarOk();
        factory.Clock.Advance(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Check_pseudonym_allows_thirty_a_minute_and_send_code_five_an_hour_per_pseudonym()
    {
        for (var i = 0; i < 30; i++)
        {
            (await _client.VatarPostAsync("/api/avatar/check-pseudonym", new { pseudonym = $"Name{i}" })).ShouldBeVatarOk();
        }

        (await _client.VatarPostAsync("/api/avatar/check-pseudonym", new { pseudonym = "Name31" })).ShouldBeVatarError(HttpStatusCode.TooManyRequests, "rate_limited");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));

        for (var i = 0; i < 5; i++)
        {
            (await _client.VatarPostAsync("/api/recover/send-code", new { pseudonym = "SomeHuman", phone = "+15551230000" })).ShouldBeVatarOk();
        }

        (await _client.VatarPostAsync("/api/recover/send-code", new { pseudonym = "somehuman", phone = "+15551230000" }))
            .ShouldBeVatarError(HttpStatusCode.TooManyRequests, "rate_limited");
    }
}
