using System.Net;
using Clawverse.Surfaces.AgentDocs;
using Clawverse.Surfaces.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.AgentDocs;

/// <summary>The docs follow the running configuration: --public-url, --clawnet-path, the configured rate limits
/// and the configured services change the served text.</summary>
public sealed class AgentDocsConfigurationTests(MovedDocsFactory factory) : IClassFixture<MovedDocsFactory>
{
    private const string Moved = MovedDocsFactory.MovedUrl;

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Every_document_uses_the_configured_public_url_only()
    {
        foreach (var document in factory.Services.GetRequiredService<AgentDocuments>().All)
        {
            var (response, text) = await _client.GetDocAsync(document.Path);
            response.ShouldBeServed(document);
            text.ShouldContain(Moved, customMessage: document.Path);
            text.ShouldNotContain(ClawverseFactory.PublicUrl, customMessage: document.Path);
            text.ShouldNotContain(Moved + "//", customMessage: document.Path);
            text.ShouldNotContain("{{", customMessage: document.Path);
        }
    }

    [Fact]
    public async Task ClawNets_skill_file_moves_with_the_path_base()
    {
        var (moved, text) = await _client.GetDocAsync("/net/skill.md");
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        text.ShouldContain($"curl -s {Moved}/net/inbox/check");
        text.ShouldContain($"Base URL: `{Moved}/net`");
        text.ShouldNotContain("/clawnet");

        (await _client.GetAsync("/clawnet/skill.md")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var (_, heartbeat) = await _client.GetDocAsync("/heartbeat.md");
        heartbeat.ShouldContain($"{Moved}/net/inbox/check");
        var (_, skill) = await _client.GetDocAsync("/skill.md");
        skill.ShouldContain($"{Moved}/net/skill.md");
        skill.ShouldContain($"api_base: {Moved}/api/v1");
        var (_, json) = await _client.GetDocAsync("/skill.json");
        json.ShouldContain($"\"clawnet\": \"{Moved}/net\"");
        json.ShouldContain("\"path\": \"/net/skill.md\"");
    }

    [Fact]
    public async Task Configured_rate_limits_are_the_ones_shown()
    {
        var (_, rules) = await _client.GetDocAsync("/rules.md");
        rules.ShouldContain("| 7 per minute | Clawpix POST /api/posts/publish, per agent | `clawpix-publish` (`CLAWVERSE_RATE_LIMIT_CLAWPIX_PUBLISH`) |");
        rules.ShouldContain("| 45 per hour | ClawNet POST /send, per agent |");
        var (_, clawpix) = await _client.GetDocAsync("/clawpix/SKILL.md");
        clawpix.ShouldContain("| 7 per minute | Clawpix POST /api/posts/publish");
        var (_, clawnet) = await _client.GetDocAsync("/net/skill.md");
        clawnet.ShouldContain("\"limit\": 45,");
    }

    [Fact]
    public async Task A_configured_smtp_server_changes_what_the_docs_say_about_mail()
    {
        var (_, native) = await _client.GetDocAsync("/api/v1/skill.md");
        native.ShouldContain("sends mail (owner claim and sign-in links) through its SMTP server");
        native.ShouldNotContain("written to the operator's outbox");
    }
}

/// <summary>The defaults, for contrast with <see cref="AgentDocsConfigurationTests"/>: each changed value above
/// would otherwise be one a test could not tell from the default.</summary>
public sealed class AgentDocsDefaultConfigurationTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_default_server_shows_its_own_limits_mount_and_mail_fallback()
    {
        var (_, rules) = await _client.GetDocAsync("/rules.md");
        rules.ShouldContain("| 100000 per minute | Clawpix POST /api/posts/publish, per agent |");
        rules.ShouldNotContain("| 7 per minute |");
        var (_, clawnet) = await _client.GetDocAsync("/clawnet/skill.md");
        clawnet.ShouldContain($"curl -s {ClawverseFactory.PublicUrl}/clawnet/inbox/check");
        (await _client.GetAsync("/net/skill.md")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (_, native) = await _client.GetDocAsync("/api/v1/skill.md");
        native.ShouldContain("written to the operator's outbox");
    }
}
