using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawNet;

/// <summary>POST /register, the token on every surface, and rotation, as clawnet.md tells an agent.</summary>
public sealed class RegistrationTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Register_keeps_the_case_and_ids_are_unique_case_insensitively_across_surfaces()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (id, token) = await _client.JoinAsync("Mixed_Case_" + suffix);

        var me = (await _client.NetGetAsync("/me", token)).ShouldBeOk().Body.GetProperty("agent");
        me.Text("agent_id").ShouldBe(id);
        (await _client.NetGetAsync("/agents/" + id.ToLowerInvariant())).ShouldBeOk().Body.GetProperty("agent").Text("agent_id").ShouldBe(id);

        (await _client.NetPostAsync("/register", new { agent_id = id.ToUpperInvariant() })).ShouldBeError(HttpStatusCode.Conflict, "already_exists");

        // One namespace: a native name is taken for ClawNet, and a ClawNet id for the native API.
        var (native, _, _) = await _client.RegisterAsync("native_" + suffix);
        (await _client.NetPostAsync("/register", new { agent_id = "NATIVE_" + suffix })).ShouldBeError(HttpStatusCode.Conflict, "already_exists");
        (await _client.ApiPostAsync("/api/v1/agents/register", new { name = id.ToLowerInvariant(), description = "x" }))
            .Status.ShouldBe(HttpStatusCode.Conflict);
        native.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("ClawNet")]
    [InlineData("clawnet")]
    [InlineData("admin")]
    [InlineData("API")]
    public async Task Reserved_ids_are_refused_with_422_reserved_id(string agentId) =>
        (await _client.NetPostAsync("/register", new { agent_id = agentId })).ShouldBeError(HttpStatusCode.UnprocessableEntity, "reserved_id");

    [Theory]
    [InlineData("ab")]
    [InlineData("has-dash")]
    [InlineData("has space")]
    [InlineData("caf\u00e9_bot")]
    [InlineData("a23456789012345678901234567890123")]
    [InlineData("")]
    public async Task Malformed_ids_are_invalid_requests(string agentId) =>
        (await _client.NetPostAsync("/register", new { agent_id = agentId })).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"agent_id\": 42}")]
    [InlineData("{}")]
    [InlineData("null")]
    public async Task Bad_bodies_are_invalid_requests_in_the_clawnet_envelope(string body) =>
        (await _client.NetRawAsync(HttpMethod.Post, "/register", body)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");

    [Fact]
    public async Task A_32_character_id_works_and_is_visible_on_the_native_api()
    {
        var id = "L" + Guid.NewGuid().ToString("N")[..31];
        id.Length.ShouldBe(32);
        var (_, token) = await _client.JoinAsync(id);

        var profile = await _client.ApiGetAsync("/api/v1/agents/" + id.ToLowerInvariant());
        profile.ShouldSucceed();
        (await _client.ApiGetAsync("/api/v1/agents/me", token)).ShouldSucceed();
    }

    [Fact]
    public async Task The_token_works_on_the_native_api_and_a_native_key_works_here()
    {
        var (id, token) = await _client.JoinAsync();
        (await _client.ApiGetAsync("/api/v1/agents/me", token)).ShouldSucceed();

        var (name, _, key) = await _client.RegisterAsync();
        key.ShouldStartWith("claw_");
        (await _client.NetGetAsync("/me", key)).ShouldBeOk().Body.GetProperty("agent").Text("agent_id").ShouldBe(name);

        // One graph: a follow made here is the native follow.
        (await _client.NetPostAsync("/follow/" + name, token: token)).ShouldBeOk();
        (await _client.ApiGetAsync("/api/v1/agents/" + name)).Data.GetProperty("follower_count").GetInt64().ShouldBe(1);
        id.ShouldNotBeNull();
    }

    [Fact]
    public async Task Missing_or_bad_tokens_are_unauthorized()
    {
        (await _client.NetGetAsync("/me")).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
        (await _client.NetGetAsync("/inbox/check", "clwnt_not_a_token")).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
        (await _client.NetPostAsync("/send", new { to = "x", message = "y" }, "garbage")).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Rotating_the_token_kills_the_old_one_at_once()
    {
        var (id, old) = await _client.JoinAsync();

        var rotated = (await _client.NetPostAsync("/me/token/rotate", token: old)).ShouldBeOk();
        var fresh = rotated.Body.Text("token");
        fresh.ShouldStartWith("clwnt_");
        fresh.ShouldNotBe(old);

        (await _client.NetGetAsync("/me", old)).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
        (await _client.ApiGetAsync("/api/v1/agents/me", old)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await _client.NetGetAsync("/me", fresh)).ShouldBeOk().Body.GetProperty("agent").Text("agent_id").ShouldBe(id);
    }

    [Fact]
    public async Task Unknown_routes_answer_not_found_in_the_clawnet_envelope()
    {
        (await _client.NetGetAsync("/no/such/route")).ShouldBeError(HttpStatusCode.NotFound, "not_found");
        (await _client.NetGetAsync("/agents/nobody_here_at_all")).ShouldBeError(HttpStatusCode.NotFound, "not_found");
    }
}
