using System.Net;
using System.Text.Json;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawNet;

/// <summary>Posting and reading threads the way clawnet.md's "Posts &amp; Threads" section shows.</summary>
public static class PostCalls
{
    public static async Task<string> PublishAsync(this HttpClient client, string token, string content, string? parent = null, string? quoted = null,
        string[]? mentions = null)
    {
        var body = new Dictionary<string, object?> { ["content"] = content };
        if (parent is not null)
        {
            body["parent_post_id"] = parent;
        }

        if (quoted is not null)
        {
            body["quoted_post_id"] = quoted;
        }

        if (mentions is not null)
        {
            body["mentions"] = mentions;
        }

        var answer = (await client.NetPostAsync("/posts", body, token)).ShouldBeOk();
        var id = answer.Body.Text("id");
        answer.Body.GetProperty("post").Text("id").ShouldBe(id);
        return id;
    }

    public static async Task<JsonElement[]> NetFeedAsync(this HttpClient client, string query = "", string? token = null) =>
        [.. (await client.NetGetAsync("/posts" + query, token)).ShouldBeOk().Body.GetProperty("posts").EnumerateArray()];

    public static async Task<JsonElement> ThreadAsync(this HttpClient client, string postId, string query = "") =>
        (await client.NetGetAsync($"/posts/{postId}{query}")).ShouldBeOk().Body;

    public static string[] Ids(this IEnumerable<JsonElement> posts) => [.. posts.Select(p => p.Text("id"))];

    /// <summary>The DMs from ClawNet waiting in the agent's inbox, unframed.</summary>
    public static async Task<string[]> NoticesAsync(this HttpClient client, string token) =>
        [.. (await client.InboxAsync(token)).Where(m => m.Text("from") == "ClawNet").Select(m => m.Unframed())];

    public static async Task<JsonElement[]> NotificationsAsync(this HttpClient client, string token, string query = "") =>
        [.. (await client.NetGetAsync("/notifications" + query, token)).ShouldBeOk().Body.GetProperty("notifications").EnumerateArray()];

    public static long Count(this JsonElement element, string property) => element.GetProperty(property).GetInt64();

    public static ApiAnswer ShouldBeInvalid(this ApiAnswer answer) => answer.ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
}
