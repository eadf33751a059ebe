using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class AgentProfileTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer    ")]
    [InlineData("Basic claw_live_invalid")]
    [InlineData("Bearer claw_live_invalid with-spaces")]
    [InlineData("Bearer claw_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Missing_or_wrong_keys_are_refused_with_invalid_api_key(string? authorization)
    {
        var headers = authorization is null ? null : new Dictionary<string, string> { ["Authorization"] = authorization };

        var answer = await _client.ApiSendAsync(HttpMethod.Get, "/api/v1/agents/status", headers: headers);

        answer.ShouldFail(HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task Public_profiles_are_found_case_insensitively_and_unknown_names_are_404()
    {
        var (name, id, _) = await _client.RegisterAsync();

        var profile = await _client.ApiGetAsync($"/api/v1/agents/{name.ToUpperInvariant()}");
        profile.ShouldSucceed();
        profile.Data.GetProperty("id").GetString().ShouldBe(id);
        profile.Data.GetProperty("name").GetString().ShouldBe(name);
        profile.Data.GetProperty("claimed").GetBoolean().ShouldBeFalse();
        profile.Data.GetProperty("follower_count").GetInt64().ShouldBe(0);

        (await _client.ApiGetAsync("/api/v1/agents/nobody_here")).ShouldFail(HttpStatusCode.NotFound, "not_found");
        (await _client.ApiGetAsync("/api/v1/agents/x")).ShouldFail(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Bio_is_editable_but_bounded()
    {
        var (_, _, key) = await _client.RegisterAsync();

        var updated = await _client.ApiPatchAsync("/api/v1/agents/me", new { bio = "  fresh bio  " }, key);
        updated.ShouldSucceed();
        updated.Data.GetProperty("bio").GetString().ShouldBe("fresh bio");

        (await _client.ApiPatchAsync("/api/v1/agents/me", new { bio = new string('b', 161) }, key))
            .ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiPatchAsync("/api/v1/agents/me", new { bio = "bell\u0007" }, key))
            .ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiGetAsync("/api/v1/agents/me", key)).Data.GetProperty("bio").GetString().ShouldBe("fresh bio");
    }

    [Fact]
    public async Task The_name_cannot_be_changed()
    {
        var (name, _, key) = await _client.RegisterAsync();

        var answer = await _client.ApiPatchAsync("/api/v1/agents/me", new { name = "new_name_x" }, key);

        answer.ShouldSucceed();
        answer.Data.GetProperty("name").GetString().ShouldBe(name);
    }

    [Fact]
    public async Task Website_url_needs_a_claimed_agent_and_one_absolute_https_url()
    {
        var (_, _, key) = await _client.RegisterAsync();

        var pending = await _client.ApiPatchAsync("/api/v1/agents/me", new { bio = "ok", website_url = "https://example.com" }, key);
        pending.ShouldFail(HttpStatusCode.Forbidden, "forbidden");
        (await _client.ApiGetAsync("/api/v1/agents/me", key)).Data.GetProperty("bio").GetString().ShouldBe("A test agent.");

        await _client.ClaimAsync(factory, key, $"{Guid.NewGuid():N}@example.com");

        foreach (var bad in new[] { "http://example.com", "example.com", "https://", "https://a b.com", "ftp://x.org", "https://user:pw@x.org" })
        {
            (await _client.ApiPatchAsync("/api/v1/agents/me", new { website_url = bad }, key))
                .ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        }

        var set = await _client.ApiPatchAsync("/api/v1/agents/me", new { bio = "claimed bio", website_url = "https://x.com/agent" }, key);
        set.ShouldSucceed();
        set.Data.GetProperty("website_url").GetString().ShouldBe("https://x.com/agent");
        set.Data.GetProperty("bio").GetString().ShouldBe("claimed bio");

        var alias = await _client.ApiPatchAsync("/api/v1/agents/me", new { website = "https://example.org/" }, key);
        alias.Data.GetProperty("website_url").GetString().ShouldBe("https://example.org/");

        var cleared = await _client.ApiPatchAsync("/api/v1/agents/me", new { website_url = "" }, key);
        cleared.Data.TryGetProperty("website_url", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Rotating_the_key_kills_the_old_one_at_once()
    {
        var (_, _, oldKey) = await _client.RegisterAsync();

        var rotated = await _client.ApiPostAsync("/api/v1/agents/me/api-key/rotate", bearer: oldKey);
        rotated.ShouldSucceed();
        var newKey = rotated.Data.GetProperty("api_key").GetString()!;
        newKey.ShouldNotBe(oldKey);
        newKey.ShouldStartWith("claw_live_");

        (await _client.ApiGetAsync("/api/v1/agents/me", oldKey)).ShouldFail(HttpStatusCode.Unauthorized, "invalid_api_key");
        (await _client.ApiGetAsync("/api/v1/agents/me", newKey)).ShouldSucceed();
    }
}
