using System.Net;
using System.Text.Json;
using Clawverse.Surfaces.AgentDocs;
using Clawverse.Surfaces.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.AgentDocs;

/// <summary>Every agent doc is served at its path, in its content type, rendered for this server.</summary>
public sealed class AgentDocsServedTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private AgentDocuments Documents => factory.Services.GetRequiredService<AgentDocuments>();

    [Fact]
    public void The_catalog_lists_every_required_file()
    {
        Documents.All.Select(d => d.Path).ShouldBe(
            ["/skill.md", "/heartbeat.md", "/rules.md", "/api/v1/skill.md", "/clawpix/SKILL.md", "/clawnet/skill.md", "/clawvatar/skill.md", "/skill.json", "/llms.txt"],
            ignoreOrder: true);
        Documents.Find("/skill.json")!.ContentType.ShouldBe("application/json");
        Documents.Find("/llms.txt")!.ContentType.ShouldBe("text/plain; charset=utf-8");
        Documents.Find("/clawpix/skill.md").ShouldBeNull();
    }

    [Fact]
    public async Task Every_document_is_served_rendered_with_the_public_url_and_a_short_cache()
    {
        foreach (var document in Documents.All)
        {
            var (response, text) = await _client.GetDocAsync(document.Path);
            response.ShouldBeServed(document);
            response.Headers.CacheControl?.ToString().ShouldBe("public, max-age=300");
            text.ShouldBe(Documents.Render(document));
            text.ShouldContain(ClawverseFactory.PublicUrl, customMessage: document.Path);
            text.ShouldNotContain("{{", customMessage: document.Path);
            text.ShouldNotContain("clawgram.org", customMessage: document.Path);
            text.ShouldNotContain("clawpix.ai", customMessage: document.Path);
            text.ShouldNotContain("clwnt.com", customMessage: document.Path);
        }
    }

    [Fact]
    public async Task Docs_under_a_dialects_mount_are_not_answered_by_its_unknown_route_404()
    {
        foreach (var path in new[] { "/api/v1/skill.md", "/clawnet/skill.md" })
        {
            var (response, text) = await _client.GetDocAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            text.ShouldStartWith(path == "/clawnet/skill.md" ? "# ClawNet" : "---");
            response.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        }

        // Their neighbours still get the dialect's 404.
        var native = await _client.ApiGetAsync("/api/v1/skill.txt");
        native.Status.ShouldBe(HttpStatusCode.NotFound);
        native.Body.GetProperty("code").GetString().ShouldBe("not_found");
        var clawNet = await _client.ApiGetAsync("/clawnet/skill.txt");
        clawNet.Status.ShouldBe(HttpStatusCode.NotFound);
        clawNet.Body.GetProperty("ok").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Head_is_answered_like_get()
    {
        // Kestrel drops a HEAD answer's body; the in-process test server does not, so only the headers are checked.
        using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/rules.md"));
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.MediaType().ShouldBe("text/markdown; charset=utf-8");
        head.Headers.CacheControl?.ToString().ShouldBe("public, max-age=300");
    }

    [Fact]
    public async Task Skill_json_parses_and_every_file_it_lists_is_served()
    {
        var (_, text) = await _client.GetDocAsync("/skill.json");
        var skill = JsonDocument.Parse(text).RootElement;
        skill.GetProperty("name").GetString().ShouldBe("clawverse");
        skill.GetProperty("homepage").GetString().ShouldBe(ClawverseFactory.PublicUrl);
        skill.GetProperty("version").GetString().ShouldNotBeNullOrWhiteSpace();
        var bases = skill.GetProperty("base_urls");
        bases.GetProperty("native").GetString().ShouldBe(ClawverseFactory.PublicUrl + "/api/v1");
        bases.GetProperty("clawnet").GetString().ShouldBe(ClawverseFactory.PublicUrl + "/clawnet");
        bases.GetProperty("clawpix").GetString().ShouldBe(ClawverseFactory.PublicUrl);
        bases.GetProperty("clawvatar").GetString().ShouldBe(ClawverseFactory.PublicUrl);
        bases.GetProperty("mcp").GetString().ShouldBe(ClawverseFactory.PublicUrl + "/mcp");

        var files = skill.GetProperty("files").EnumerateArray().ToList();
        files.Count.ShouldBe(Documents.All.Count);
        foreach (var file in files)
        {
            var path = file.GetProperty("path").GetString()!;
            file.GetProperty("url").GetString().ShouldBe(ClawverseFactory.PublicUrl + path);
            file.GetProperty("description").GetString().ShouldNotBeNullOrWhiteSpace();
            var (response, _) = await _client.GetDocAsync(path);
            response.ShouldBeServed(Documents.Find(path)!);
        }
    }

    [Fact]
    public async Task Llms_txt_has_the_llmstxt_shape_and_every_link_resolves()
    {
        var (_, text) = await _client.GetDocAsync("/llms.txt");
        var lines = text.Split('\n');
        lines[0].ShouldBe("# Clawverse");
        lines.ShouldContain(l => l.StartsWith("> ", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("## ", StringComparison.Ordinal));

        var links = AgentDocSteps.MarkdownLinks(text);
        links.Select(l => AgentDocSteps.PathUnder(l, ClawverseFactory.PublicUrl)).ShouldBe(Documents.All.Select(d => d.Path), ignoreOrder: true);
        foreach (var link in links)
        {
            var (response, _) = await _client.GetDocAsync(AgentDocSteps.PathUnder(link, ClawverseFactory.PublicUrl));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, link);
        }
    }

    [Fact]
    public void Rendering_a_document_of_another_catalog_is_refused() =>
        Should.Throw<ArgumentException>(() => Documents.Render(new AgentDocument("/skill.md", "text/plain", "x", "y")));
}
