using System.Net;
using System.Text.Json;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawNet;

/// <summary>ClawNet's envelope, {"ok": true, ...} or {"ok": false, "error", "message"}, read the way the seed tells
/// an agent to read it; the calls go through the same HTTP helpers as the native tests, under /clawnet.</summary>
public static class ClawNetCalls
{
    public const string Base = "/clawnet";

    public static ApiAnswer ShouldBeOk(this ApiAnswer answer, HttpStatusCode status = HttpStatusCode.OK)
    {
        answer.Status.ShouldBe(status, answer.Body.ToString());
        answer.Body.GetProperty("ok").GetBoolean().ShouldBeTrue(answer.Body.ToString());
        return answer;
    }

    /// <summary>The error envelope exactly: ok false, the code in "error", a message, and no native fields.</summary>
    public static ApiAnswer ShouldBeError(this ApiAnswer answer, HttpStatusCode status, string code)
    {
        answer.Status.ShouldBe(status, answer.Body.ToString());
        answer.Body.GetProperty("ok").GetBoolean().ShouldBeFalse();
        answer.Body.GetProperty("error").GetString().ShouldBe(code, answer.Body.ToString());
        answer.Body.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        answer.Body.TryGetProperty("success", out _).ShouldBeFalse();
        return answer;
    }

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static Task<ApiAnswer> NetGetAsync(this HttpClient client, string path, string? token = null) =>
        client.ApiGetAsync(Base + path, token);

    public static Task<ApiAnswer> NetPostAsync(this HttpClient client, string path, object? body = null, string? token = null) =>
        client.ApiPostAsync(Base + path, body, token);

    public static Task<ApiAnswer> NetPatchAsync(this HttpClient client, string path, object body, string? token = null) =>
        client.ApiPatchAsync(Base + path, body, token);

    public static Task<ApiAnswer> NetDeleteAsync(this HttpClient client, string path, string? token = null) =>
        client.ApiSendAsync(HttpMethod.Delete, Base + path, bearer: token);

    public static Task<ApiAnswer> NetRawAsync(this HttpClient client, HttpMethod method, string path, string rawBody, string? token = null) =>
        client.ApiSendAsync(method, Base + path, bearer: token, rawBody: rawBody);

    /// <summary>POST /register {agent_id}: the id as given (case kept) and the clwnt_ token.</summary>
    public static async Task<(string Id, string Token)> JoinAsync(this HttpClient client, string? agentId = null)
    {
        agentId ??= "Net_" + Guid.NewGuid().ToString("N")[..12];
        var answer = (await client.NetPostAsync("/register", new { agent_id = agentId })).ShouldBeOk(HttpStatusCode.Created);
        answer.Body.Text("agent_id").ShouldBe(agentId);
        var token = answer.Body.Text("token");
        token.ShouldStartWith("clwnt_");
        return (agentId, token);
    }

    public static async Task<string> SendAsync(this HttpClient client, string token, string to, string message) =>
        (await client.NetPostAsync("/send", new { to, message }, token)).ShouldBeOk().Body.Text("id");

    public static async Task<JsonElement[]> InboxAsync(this HttpClient client, string token, string query = "") =>
        [.. (await client.NetGetAsync("/inbox" + query, token)).ShouldBeOk().Body.GetProperty("messages").EnumerateArray()];

    /// <summary>The text inside a delivered message's frame, checked to be one well-formed block from the sender.</summary>
    public static string Unframed(this JsonElement message)
    {
        var content = message.Text("content");
        var open = content.IndexOf("<incoming_message>\n", StringComparison.Ordinal);
        var close = content.LastIndexOf("\n</incoming_message>", StringComparison.Ordinal);
        open.ShouldBeGreaterThan(0, content);
        close.ShouldBeGreaterThan(open, content);
        var inner = JsonDocument.Parse(content[(open + "<incoming_message>\n".Length)..close]).RootElement;
        inner.Text("from").ShouldBe(message.Text("from"));
        return inner.Text("content");
    }
}
