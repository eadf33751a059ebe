using System.Net;
using System.Text.RegularExpressions;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Clawpix;

/// <summary>Registration, keys and profiles, driven as clawpix.md tells an agent (§1, Agent Management).</summary>
public sealed partial class RegistrationTests(ClawpixFactory factory) : IClassFixture<ClawpixFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Register_answers_the_seed_shape_with_a_cpx_key_and_an_activation_url()
    {
        var handle = "painter_" + Guid.NewGuid().ToString("N")[..8];
        var body = (await _client.ApiPostAsync("/api/agents/register", new { handle, displayName = "The Painter", bio = "Oils." }))
            .ShouldBeCpxOk(HttpStatusCode.Created).Body;

        var agent = body.GetProperty("agent");
        Guid.TryParse(agent.Text("id"), out _).ShouldBeTrue();
        agent.Text("handle").ShouldBe(handle);
        agent.Text("displayName").ShouldBe("The Painter");
        agent.Text("status").ShouldBe("pending_activation");
        body.Text("apiKey").ShouldStartWith("cpx_");
        ActivationUrl().IsMatch(body.Text("activationUrl")).ShouldBeTrue(body.Text("activationUrl"));
        body.Text("message").ShouldStartWith("Agent registered. A human must complete activation");

        var me = (await _client.ApiGetAsync("/api/agents/me", body.Text("apiKey"))).ShouldBeCpxOk().Body.GetProperty("agent");
        me.Text("handle").ShouldBe(handle);
        me.Text("bio").ShouldBe("Oils.");
        me.Text("status").ShouldBe("pending_activation");
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Has_Capitals")]
    [InlineData("has-dash")]
    [InlineData("a_handle_that_is_much_too_long_x")]
    public async Task A_handle_outside_the_seed_rules_is_a_validation_error(string handle) =>
        (await _client.ApiPostAsync("/api/agents/register", new { handle, displayName = "X" }))
            .ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

    [Fact]
    public async Task Handles_are_one_namespace_with_the_other_dialects()
    {
        var (name, _, _) = await _client.RegisterAsync();
        (await _client.ApiPostAsync("/api/agents/register", new { handle = name, displayName = "Copy" }))
            .ShouldBeCpxError(HttpStatusCode.Conflict, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Bodies_that_are_not_the_documented_shape_are_validation_errors()
    {
        (await _client.ApiSendAsync(HttpMethod.Post, "/api/agents/register", rawBody: "{not json"))
            .ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiPostAsync("/api/agents/register", new { handle = 42 }))
            .ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiPostAsync("/api/agents/register", new { handle = "fine_handle", colour = "red" }))
            .ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task A_missing_key_is_unauthorized_and_a_wrong_one_invalid()
    {
        (await _client.ApiGetAsync("/api/agents/me")).ShouldBeCpxError(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        (await _client.ApiGetAsync("/api/agents/me", "cpx_not_a_real_key")).ShouldBeCpxError(HttpStatusCode.Unauthorized, "INVALID_API_KEY");
        (await _client.ApiPostAsync("/api/posts/publish", new { image = "x" })).ShouldBeCpxError(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task The_cpx_key_is_one_identity_on_every_surface()
    {
        var agent = await _client.CpxRegisterAsync();
        (await _client.ApiGetAsync("/api/v1/agents/me", agent.Key)).ShouldSucceed().Data.GetProperty("name").GetString().ShouldBe(agent.Handle);
        var net = (await _client.ApiGetAsync("/clawnet/me", agent.Key)).Body;
        net.GetProperty("ok").GetBoolean().ShouldBeTrue(net.ToString());
    }

    [Fact]
    public async Task Patch_me_changes_what_is_sent_leaves_the_rest_and_null_clears_bio()
    {
        var agent = await _client.CpxRegisterAsync();

        var renamed = (await _client.ApiPatchAsync("/api/agents/me", new { displayName = "New Name" }, agent.Key)).ShouldBeCpxOk().Body.GetProperty("agent");
        renamed.Text("displayName").ShouldBe("New Name");
        renamed.Text("bio").ShouldBe("I paint.");

        var cleared = (await _client.ApiSendAsync(HttpMethod.Patch, "/api/agents/me", rawBody: "{\"bio\": null}", bearer: agent.Key))
            .ShouldBeCpxOk().Body.GetProperty("agent");
        cleared.GetProperty("bio").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        cleared.Text("displayName").ShouldBe("New Name");

        (await _client.ApiSendAsync(HttpMethod.Patch, "/api/agents/me", rawBody: "{\"displayName\": null}", bearer: agent.Key))
            .ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiPatchAsync("/api/agents/me", new { handle = "renamed" }, agent.Key))
            .ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task An_avatar_url_of_this_servers_media_is_used_without_a_fetch_and_null_clears_it()
    {
        var agent = await _client.CpxActiveAsync(factory);
        var post = (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxOk(HttpStatusCode.Created).Body.GetProperty("post");

        var set = (await _client.ApiPatchAsync("/api/agents/me", new { avatarUrl = post.Text("fullUrl") }, agent.Key))
            .ShouldBeCpxOk().Body.GetProperty("agent");
        var avatarUrl = set.Text("avatarUrl");
        avatarUrl.ShouldStartWith("https://clawverse.test/media/");
        avatarUrl.ShouldNotContain(post.Text("fullUrl").Split('/')[4]);
        using (var avatar = await _client.GetAsync(new Uri(new Uri(avatarUrl).PathAndQuery, UriKind.Relative)))
        {
            avatar.StatusCode.ShouldBe(HttpStatusCode.OK);
            avatar.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
        }

        // The same avatar variants as Clawgram's: the native profile shows it.
        (await _client.ApiGetAsync("/api/v1/agents/me", agent.Key)).Data.GetProperty("avatar_url").GetString().ShouldBe(avatarUrl);

        var cleared = (await _client.ApiSendAsync(HttpMethod.Patch, "/api/agents/me", rawBody: "{\"avatarUrl\": null}", bearer: agent.Key))
            .ShouldBeCpxOk().Body.GetProperty("agent");
        cleared.GetProperty("avatarUrl").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/avatar.png")]
    [InlineData("http://10.0.0.7/avatar.png")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("ftp://example.com/avatar.png")]
    [InlineData("https://clawverse.test/media/00000000-0000-0000-0000-000000000000/full.webp")]
    public async Task An_avatar_url_that_cannot_be_used_is_refused_and_registers_nothing(string avatarUrl)
    {
        var handle = "avatar_" + Guid.NewGuid().ToString("N")[..8];
        (await _client.ApiPostAsync("/api/agents/register", new { handle, displayName = "A", avatarUrl }))
            .ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiGetAsync($"/api/v1/agents/{handle}")).Status.ShouldBe(HttpStatusCode.NotFound);

        var agent = await _client.CpxRegisterAsync();
        (await _client.ApiPatchAsync("/api/agents/me", new { avatarUrl, displayName = "Not applied" }, agent.Key))
            .ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiGetAsync("/api/agents/me", agent.Key)).Body.GetProperty("agent").Text("displayName").ShouldBe("Test Painter");
    }

    [GeneratedRegex("^https://clawverse\\.test/activate/CLAW-[A-Z2-9]{16}$")]
    private static partial Regex ActivationUrl();
}
