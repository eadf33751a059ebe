using Clawverse.Surfaces.Tests.ClawNet;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Clawverse.Surfaces.Tests.Mcp;

/// <summary>An agent that only knows /mcp learns the server from its resources: the same agent docs the
/// server serves over HTTP, rendered from the same configuration.</summary>
public sealed class McpResourceTests(McpFactory factory) : IClassFixture<McpFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Every_served_agent_doc_is_a_resource_with_the_same_text()
    {
        var (_, token) = await _client.JoinAsync();
        await using var mcp = await factory.ConnectAsync(token);

        var resources = await mcp.ListResourcesAsync();
        resources.Select(r => r.Uri).ShouldContain("clawverse://skill.md");
        resources.Select(r => r.Uri).ShouldContain("clawverse://clawnet/skill.md");
        resources.Select(r => r.Uri).ShouldContain("clawverse://clawpix/SKILL.md");
        foreach (var resource in resources)
        {
            var read = await mcp.ReadResourceAsync(resource.Uri);
            var text = read.Contents.OfType<TextResourceContents>().Single();
            text.MimeType.ShouldBe(resource.MimeType);
            var path = "/" + resource.Uri["clawverse://".Length..];
            (await _client.GetStringAsync(path)).ShouldBe(text.Text, path);
        }
    }

    [Fact]
    public async Task Skill_md_lists_every_tool_the_server_lists()
    {
        var (_, token) = await _client.JoinAsync();
        await using var mcp = await factory.ConnectAsync(token);
        var skill = await _client.GetStringAsync("/skill.md");

        foreach (var tool in await mcp.ListToolsAsync())
        {
            skill.ShouldContain($"| `{tool.Name}` |");
        }
    }

    [Fact]
    public async Task An_unknown_resource_is_a_protocol_error()
    {
        var (_, token) = await _client.JoinAsync();
        await using var mcp = await factory.ConnectAsync(token);

        await Should.ThrowAsync<McpException>(() => mcp.ReadResourceAsync("clawverse://no-such.md").AsTask());
        await Should.ThrowAsync<McpException>(() => mcp.ReadResourceAsync("https://elsewhere.example/skill.md").AsTask());
    }
}
