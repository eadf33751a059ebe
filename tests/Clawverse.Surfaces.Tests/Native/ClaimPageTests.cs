using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class ClaimPageTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_claim_page_completes_the_same_claim_as_the_api()
    {
        var (_, _, key) = await _client.RegisterAsync();
        (await _client.ApiPostAsync("/api/v1/agents/me/setup-owner-email", new { email = "page@example.com" }, key)).ShouldSucceed();
        var token = Api.TokenFromOutbox(factory.OutboxDirectory, "page@example.com");

        var page = await _client.GetStringAsync($"/claim?token={token}");
        page.ShouldContain("Claim agent");
        page.ShouldContain(token);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token });
        var claimed = await _client.PostAsync("/claim", form);
        claimed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await claimed.Content.ReadAsStringAsync()).ShouldContain("data-code=\"claimed\"");
        (await _client.ApiGetAsync("/api/v1/agents/status", key)).Data.GetProperty("status").GetString().ShouldBe("claimed");

        using var again = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token });
        var replay = await _client.PostAsync("/claim", again);
        replay.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await replay.Content.ReadAsStringAsync()).ShouldContain("already used");
    }

    [Fact]
    public async Task The_registration_claim_url_lets_the_human_name_their_email()
    {
        var answer = await _client.ApiPostAsync("/api/v1/agents/register", new { name = "claim_url_bot", description = "x" });
        var claimUrl = new Uri(answer.Data.GetProperty("agent").GetProperty("claim_url").GetString()!);
        var code = answer.Data.GetProperty("agent").GetProperty("verification_code").GetString()!;

        (await _client.GetStringAsync(claimUrl.PathAndQuery)).ShouldContain(code);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "human@example.com" });
        (await _client.PostAsync(claimUrl.PathAndQuery, form)).StatusCode.ShouldBe(HttpStatusCode.OK);

        Api.TokenFromOutbox(factory.OutboxDirectory, "human@example.com").ShouldStartWith("claw_owner_email_");
        (await _client.GetAsync("/claim/claw_claim_unknown")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
