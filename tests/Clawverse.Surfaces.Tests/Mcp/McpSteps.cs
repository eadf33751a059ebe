using System.Text.Json;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Tests.Support;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Clawverse.Surfaces.Tests.Mcp;

/// <summary>Tight ClawNet post and Clawpix publish limits (3 an hour) so rate-limited tool calls are reachable; everything else as the default test factory.</summary>
public sealed class McpFactory : ClawverseFactory
{
    public const int PostsPerHour = 3;

    public const int InlinePublishesPerHour = 3;

    protected override RateLimitOptions Limits
    {
        get
        {
            var options = RateLimitOptions.Uniform(new(100_000, TimeSpan.FromMinutes(1)));
            options[RateLimitRules.ClawNetPosts] = new(PostsPerHour, TimeSpan.FromHours(1));
            options[RateLimitRules.ClawpixPublish] = new(InlinePublishesPerHour, TimeSpan.FromHours(1));
            return options;
        }
    }
}

/// <summary>The MCP C# SDK's client over the in-process server, the way an agent runtime connects: streamable
/// HTTP to /mcp with the agent's key as a Bearer token.</summary>
public static class McpSteps
{
    public static async Task<McpClient> ConnectAsync(this ClawverseFactory factory, string? key)
    {
        var http = factory.CreateClient();
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = key is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + key },
        }, http, ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    public static async Task<JsonElement> CallOkAsync(this McpClient client, string tool, object? arguments = null)
    {
        var result = await client.CallToolAsync(tool, Arguments(arguments));
        var body = Body(result);
        (result.IsError ?? false).ShouldBeFalse($"{tool} failed: {body}");
        return body;
    }

    public static async Task<JsonElement> CallErrorAsync(this McpClient client, string tool, object? arguments, string code)
    {
        var result = await client.CallToolAsync(tool, Arguments(arguments));
        var body = Body(result);
        (result.IsError ?? false).ShouldBeTrue($"{tool} should have failed with {code}: {body}");
        body.GetProperty("code").GetString().ShouldBe(code, body.ToString());
        body.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        return body;
    }

    /// <summary>The tool's JSON answer: its one text block (docs/decisions/0011: no structured copy beside it).</summary>
    private static JsonElement Body(CallToolResult result)
    {
        var text = result.Content.OfType<TextContentBlock>().Single().Text;
        result.StructuredContent.ShouldBeNull();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Dictionary<string, object?> Arguments(object? arguments) =>
        arguments is null
            ? []
            : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments))!;
}
