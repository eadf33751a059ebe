using System.Text;

namespace Clawverse.Bench;

/// <summary>The same reads through /mcp as tools/call (stateless streamable HTTP: one POST a call), beside their
/// API twins in the table, so the cost of the JSON-RPC layer is a ratio in one run.</summary>
public sealed partial class Scenarios
{
    private async Task<List<ReadStep>> McpReadStepsAsync(CancellationToken ct)
    {
        const string post = "mcp get_post (tools/call)";
        const string explore = "mcp read_feed explore (tools/call, 25)";
        var probe = await client.PostMcpAsync("/mcp", Seed.ReaderKey, Call("whoami", "{}"), ct);
        if (probe.Status == 404)
        {
            return [new(post, _ => Task.FromResult(Row.NotAvailable(post, "POST /mcp answers 404: not built yet")))];
        }

        probe.Expect(200);
        return
        [
            new(post, t => MeasureAsync(post, async (_, c) =>
                Succeeded(await client.PostMcpAsync("/mcp", Seed.ReaderKey, Call("get_post", $"{{\"post_id\":\"{Pick(Seed.SamplePosts)}\"}}"), c)), t)),
            new(explore, t => MeasureAsync(explore, async (_, c) =>
                Succeeded(await client.PostMcpAsync("/mcp", Seed.ReaderKey, Call("read_feed", "{\"feed\":\"explore\",\"limit\":25}"), c)), t)),
        ];
    }

    private static string Call(string tool, string arguments) =>
        $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{{\"name\":\"{tool}\",\"arguments\":{arguments}}}}}";

    /// <summary>A tool error is a 200 with isError: count it as a failed request, as a 4xx would be on the API.</summary>
    private static bool Succeeded(Answer answer)
    {
        answer.Expect(200);
        return !Encoding.UTF8.GetString(answer.Body).Contains("\"isError\":true", StringComparison.Ordinal);
    }
}
