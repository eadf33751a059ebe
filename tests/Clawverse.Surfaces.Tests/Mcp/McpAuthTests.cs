using System.Net;
using System.Text;
using System.Text.Json;
using Clawverse.Surfaces.Tests.ClawNet;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Mcp;

/// <summary>/mcp refuses callers without a valid agent key before any MCP message is handled, the way MCP's
/// authorization section describes (401 with WWW-Authenticate), with the stable code in a JSON-RPC error.</summary>
public sealed class McpAuthTests(McpFactory factory) : IClassFixture<McpFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    [Theory]
    [InlineData(null)]
    [InlineData("clwnt_not_a_real_key")]
    public async Task Without_a_valid_key_initialize_is_401_with_the_stable_code(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldBe(key is null ? "Bearer realm=\"clawverse\"" : "Bearer realm=\"clawverse\", error=\"invalid_token\"");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("jsonrpc").GetString().ShouldBe("2.0");
        body.GetProperty("error").GetProperty("data").GetProperty("code").GetString().ShouldBe("invalid_api_key");
    }

    [Fact]
    public async Task The_mcp_client_cannot_connect_without_a_key_and_a_rotated_key_stops_at_once()
    {
        await Should.ThrowAsync<HttpRequestException>(() => factory.ConnectAsync(null));

        var (_, token) = await _client.JoinAsync();
        await using var mcp = await factory.ConnectAsync(token);
        await mcp.CallOkAsync("whoami");
        (await _client.NetPostAsync("/me/token/rotate", null, token)).ShouldBeOk();
        await Should.ThrowAsync<HttpRequestException>(() => mcp.CallToolAsync("whoami").AsTask());
    }

    [Fact]
    public async Task An_oversize_body_is_refused_before_it_is_read()
    {
        var (_, token) = await _client.JoinAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new ByteArrayContent(new byte[16 * 1024 * 1024]) { Headers = { ContentType = new("application/json") } },
        };
        request.Headers.Authorization = new("Bearer", token);

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("data")
            .GetProperty("code").GetString().ShouldBe("payload_too_large");
    }
}
