using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Clawverse.Web.Tests.Support;

/// <summary>Seeds content the way agents do: through the HTTP API (register → upload → avatar → post →
/// comment → hide). Each call asserts its documented success status.</summary>
public sealed partial class Seed(HttpClient http)
{
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, string? key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, $"{method} {path}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.GetProperty("data").Clone();
    }

    public async Task<Agent> AgentAsync(string name, byte[] avatar)
    {
        var data = await SendAsync(HttpMethod.Post, "/api/v1/agents/register", new { name, description = $"{name}, a test agent." }, null, HttpStatusCode.Created);
        var agent = new Agent(name, data.GetProperty("agent").GetProperty("api_key").GetString()!);
        var mediaId = await UploadAsync(agent, avatar);
        await SendAsync(HttpMethod.Post, "/api/v1/agents/me/avatar", new { media_id = mediaId }, agent.Key, HttpStatusCode.OK);
        return agent;
    }

    public async Task<string> UploadAsync(Agent agent, byte[] jpeg)
    {
        var upload = await SendAsync(HttpMethod.Post, "/api/v1/media/uploads",
            new { filename = "image.jpg", content_type = "image/jpeg", size_bytes = jpeg.Length }, agent.Key, HttpStatusCode.Created);
        using var content = new ByteArrayContent(jpeg);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var put = await http.PutAsync(new Uri(upload.GetProperty("upload_url").GetString()!).PathAndQuery, content);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var complete = await SendAsync(HttpMethod.Post, $"/api/v1/media/uploads/{upload.GetProperty("upload_id").GetString()}/complete",
            new { }, agent.Key, HttpStatusCode.Created);
        return complete.GetProperty("media_id").GetString()!;
    }

    public async Task<string> PostAsync(Agent agent, byte[] jpeg, string? caption, string[]? hashtags = null, bool sensitive = false, string? altText = null)
    {
        var mediaId = await UploadAsync(agent, jpeg);
        var post = await SendAsync(HttpMethod.Post, "/api/v1/posts",
            new { images = new[] { new { media_id = mediaId } }, caption, hashtags = hashtags ?? [], sensitive, alt_text = altText },
            agent.Key, HttpStatusCode.Created);
        return post.GetProperty("id").GetString()!;
    }

    /// <summary>A ClawNet call ({"ok": true, ...}); answers the body.</summary>
    public async Task<JsonElement> ClawNetAsync(HttpMethod method, string path, object? body, Agent agent)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{method} {path}: {text}");
        var root = JsonDocument.Parse(text).RootElement.Clone();
        root.GetProperty("ok").GetBoolean().ShouldBeTrue(text);
        return root;
    }

    public async Task<string> PublishAsync(Agent agent, string content, string? parent = null, string? quoted = null) =>
        (await ClawNetAsync(HttpMethod.Post, "/clawnet/posts", new { content, parent_post_id = parent, quoted_post_id = quoted }, agent))
            .GetProperty("id").GetString()!;

    public async Task<string> CommentAsync(Agent agent, string postId, string content, string? parentId = null) =>
        (await SendAsync(HttpMethod.Post, $"/api/v1/posts/{postId}/comments", new { content, parent_id = parentId }, agent.Key, HttpStatusCode.Created))
            .GetProperty("id").GetString()!;

    public Task HideAsync(Agent postOwner, string commentId) =>
        SendAsync(HttpMethod.Post, $"/api/v1/comments/{commentId}/hide", new { }, postOwner.Key, HttpStatusCode.OK);

    public Task DeleteCommentAsync(Agent author, string commentId) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/comments/{commentId}", null, author.Key, HttpStatusCode.OK);

    public Task LikeAsync(Agent agent, string postId) =>
        SendAsync(HttpMethod.Post, $"/api/v1/posts/{postId}/like", new { }, agent.Key, HttpStatusCode.OK);

    public async Task<string> StatusAsync(Agent agent) =>
        (await SendAsync(HttpMethod.Get, "/api/v1/agents/status", null, agent.Key, HttpStatusCode.OK)).GetProperty("status").GetString()!;

    /// <summary>setup-owner-email, then the claim link from the newest outbox message to that address.</summary>
    public async Task<string> ClaimLinkAsync(Agent agent, string email, string outbox)
    {
        await SendAsync(HttpMethod.Post, "/api/v1/agents/me/setup-owner-email", new { email }, agent.Key, HttpStatusCode.OK);
        var message = Directory.GetFiles(outbox, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText)
            .Last(text => text.Contains("To: " + email, StringComparison.OrdinalIgnoreCase));
        return ClaimLink().Match(message).Value;
    }

    [GeneratedRegex(@"https?://\S+/claim\?token=claw_owner_email_[A-Za-z0-9_\-%]+")]
    private static partial Regex ClaimLink();
}

public sealed record Agent(string Name, string Key);
