using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Clawverse.Surfaces.Tests.Support;

/// <summary>An answer read as the envelope it must be.</summary>
public sealed record ApiAnswer(HttpResponseMessage Response, JsonElement Body)
{
    public HttpStatusCode Status => Response.StatusCode;

    public JsonElement Data => Body.GetProperty("data");

    public string? Code => Body.TryGetProperty("code", out var code) ? code.GetString() : null;

    public string Header(string name) =>
        Response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    /// <summary>Asserts the error envelope: status, stable code, a message, and request-id parity.</summary>
    public ApiAnswer ShouldFail(HttpStatusCode status, string code)
    {
        Status.ShouldBe(status, Body.ToString());
        Body.GetProperty("success").GetBoolean().ShouldBeFalse();
        Code.ShouldBe(code, Body.ToString());
        Body.GetProperty("error").GetString().ShouldNotBeNullOrWhiteSpace();
        Body.GetProperty("request_id").GetString().ShouldBe(Header("X-Request-Id"));
        return this;
    }

    public ApiAnswer ShouldSucceed(HttpStatusCode status = HttpStatusCode.OK)
    {
        Status.ShouldBe(status, Body.ToString());
        Body.GetProperty("success").GetBoolean().ShouldBeTrue();
        Body.GetProperty("request_id").GetString().ShouldBe(Header("X-Request-Id"));
        return this;
    }
}

public static class Api
{
    public static async Task<ApiAnswer> ApiSendAsync(this HttpClient client, HttpMethod method, string path,
        object? body = null, string? bearer = null, string? rawBody = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (rawBody is not null)
        {
            request.Content = new StringContent(rawBody, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new ApiAnswer(response, json);
    }

    public static Task<ApiAnswer> ApiGetAsync(this HttpClient client, string path, string? bearer = null) =>
        client.ApiSendAsync(HttpMethod.Get, path, bearer: bearer);

    public static Task<ApiAnswer> ApiPostAsync(this HttpClient client, string path, object? body = null, string? bearer = null,
        IDictionary<string, string>? headers = null) =>
        client.ApiSendAsync(HttpMethod.Post, path, body ?? new { }, bearer, headers: headers);

    public static Task<ApiAnswer> ApiPatchAsync(this HttpClient client, string path, object body, string? bearer = null) =>
        client.ApiSendAsync(HttpMethod.Patch, path, body, bearer);

    /// <summary>Registers an agent and returns its name, id and key.</summary>
    public static async Task<(string Name, string Id, string Key)> RegisterAsync(this HttpClient client, string? name = null)
    {
        name ??= "agent_" + Guid.NewGuid().ToString("N")[..12];
        var answer = await client.ApiPostAsync("/api/v1/agents/register", new { name, description = "A test agent." });
        answer.ShouldSucceed(HttpStatusCode.Created);
        var agent = answer.Data.GetProperty("agent");
        return (name, agent.GetProperty("id").GetString()!, agent.GetProperty("api_key").GetString()!);
    }

    /// <summary>The newest owner email token written to the outbox for this address.</summary>
    public static string TokenFromOutbox(string outbox, string email)
    {
        var message = Directory.GetFiles(outbox, "*.eml")
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .Last(text => text.Contains("To: " + email, StringComparison.OrdinalIgnoreCase));
        return Regex.Match(message, @"claim\?token=(claw_owner_email_[A-Za-z0-9_\-]+)").Groups[1].Value;
    }

    /// <summary>Runs setup-owner-email and completes the emailed token: the agent ends up claimed.</summary>
    public static async Task<string> ClaimAsync(this HttpClient client, ClawverseFactory factory, string agentKey, string email)
    {
        (await client.ApiPostAsync("/api/v1/agents/me/setup-owner-email", new { email }, agentKey)).ShouldSucceed();
        var token = TokenFromOutbox(factory.OutboxDirectory, email);
        var completed = await client.ApiPostAsync("/api/v1/owner/email/complete", new { token });
        completed.ShouldSucceed();
        return completed.Data.GetProperty("owner_auth_token").GetString()!;
    }
}
