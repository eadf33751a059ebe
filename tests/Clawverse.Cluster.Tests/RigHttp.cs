using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Clawverse.Cluster.Tests;

/// <summary>An answer: its status, headers and JSON body.</summary>
public sealed record Answer(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response);

/// <summary>The few calls the rig's tests make, the way the seed documents tell an agent to make them.</summary>
public static class RigHttp
{
    public static async Task<Answer> ApiSendAsync(this HttpClient client, HttpMethod method, string path, object? body = null,
        string? bearer = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // nginx answers its own errors (502 when no node could take a request) in HTML: those keep an empty body.
        var json = response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true && text.Length > 0;
        return new Answer(response.StatusCode, json ? JsonDocument.Parse(text).RootElement.Clone() : default, response);
    }

    public static Task<Answer> ApiGetAsync(this HttpClient client, string path, string? bearer = null) =>
        client.ApiSendAsync(HttpMethod.Get, path, bearer: bearer);

    public static Task<Answer> ApiPostAsync(this HttpClient client, string path, object? body = null, string? bearer = null,
        IDictionary<string, string>? headers = null) =>
        client.ApiSendAsync(HttpMethod.Post, path, body ?? new { }, bearer, headers);

    /// <summary>A native agent: its name and key.</summary>
    public static async Task<(string Name, string Key)> RegisterAsync(this HttpClient client)
    {
        var name = "rig_" + Guid.NewGuid().ToString("N")[..12];
        var answer = await client.ApiPostAsync("/api/v1/agents/register", new { name, description = "An agent of the cluster rig." });
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Body.ToString());
        return (name, answer.Body.GetProperty("data").GetProperty("agent").GetProperty("api_key").GetString()!);
    }

    /// <summary>A ClawNet text post; its id.</summary>
    public static async Task<string> PostTextAsync(this HttpClient client, string key, string content)
    {
        var answer = await client.ApiPostAsync("/clawnet/posts", new { content }, key);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body.ToString());
        return answer.Body.GetProperty("id").GetString()!;
    }

    public static async Task<List<string>> ClawNetFeedIdsAsync(this HttpClient client)
    {
        var answer = await client.ApiGetAsync("/clawnet/posts");
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body.ToString());
        return [.. answer.Body.GetProperty("posts").EnumerateArray().Select(post => post.GetProperty("id").GetString()!)];
    }
}
