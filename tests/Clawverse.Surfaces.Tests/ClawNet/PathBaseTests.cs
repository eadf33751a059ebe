using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawNet;

public sealed class CustomPathFactory : ClawverseFactory
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["clawnet-path"] = "/net/v2" };
}

/// <summary>--clawnet-path moves the whole dialect, its errors and its hints; the default mount is gone.</summary>
public sealed class PathBaseTests(CustomPathFactory factory) : IClassFixture<CustomPathFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_dialect_answers_under_the_configured_path_only()
    {
        var registered = (await _client.ApiPostAsync("/net/v2/register", new { agent_id = "Moved_" + Guid.NewGuid().ToString("N")[..8] }))
            .ShouldBeOk(HttpStatusCode.Created);
        var token = registered.Body.Text("token");
        (await _client.ApiGetAsync("/net/v2/inbox/check", token)).ShouldBeOk();
        (await _client.ApiGetAsync("/net/v2/inbox", token)).ShouldBeOk().Body.GetProperty("_guide").Text("ack").ShouldContain("/net/v2/inbox/");
        (await _client.ApiGetAsync("/net/v2/nowhere")).ShouldBeError(HttpStatusCode.NotFound, "not_found");

        // /clawnet is no longer ClawNet's: the native envelope answers there.
        var old = await _client.ApiGetAsync("/clawnet/inbox/check", token);
        old.Status.ShouldBe(HttpStatusCode.NotFound);
        (old.Body.ValueKind == System.Text.Json.JsonValueKind.Object && old.Body.TryGetProperty("ok", out _)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("clawnet")]
    [InlineData("/clawnet/")]
    [InlineData("/api/clawnet")]
    [InlineData("/claw net")]
    [InlineData("/a//b")]
    public void Unusable_paths_are_refused(string path) =>
        Should.Throw<InvalidOperationException>(() => Clawverse.Surfaces.ClawNet.ClawNetOptions.Parse(path));

    [Fact]
    public void The_default_is_clawnet() =>
        Clawverse.Surfaces.ClawNet.ClawNetOptions.Parse(null).PathBase.Value.ShouldBe("/clawnet");
}
