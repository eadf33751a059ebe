using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Clawverse.Surfaces.Tests.Support;

/// <summary>The seed's media lifecycle as test steps: create upload → PUT bytes → complete.</summary>
public static class MediaSteps
{
    public static async Task<ApiAnswer> CreateUploadAsync(this HttpClient client, string key, long size, string contentType = "image/jpeg") =>
        await client.ApiPostAsync("/api/v1/media/uploads", new { filename = "image.bin", content_type = contentType, size_bytes = size }, key);

    public static async Task<ApiAnswer> PutBytesAsync(this HttpClient client, string uploadUrl, byte[] bytes, string contentType = "image/jpeg")
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var response = await client.PutAsync(new Uri(uploadUrl).PathAndQuery, content);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Runs the whole lifecycle and returns the completed answer (201 expected).</summary>
    public static async Task<ApiAnswer> UploadAsync(this HttpClient client, string key, byte[] bytes, string contentType = "image/jpeg")
    {
        var upload = (await client.CreateUploadAsync(key, bytes.Length, contentType)).ShouldSucceed(HttpStatusCode.Created);
        (await client.PutBytesAsync(upload.Data.GetProperty("upload_url").GetString()!, bytes, contentType)).ShouldSucceed();
        return await client.ApiPostAsync($"/api/v1/media/uploads/{upload.Data.GetProperty("upload_id").GetString()}/complete", bearer: key);
    }

    public static async Task<string> UploadMediaIdAsync(this HttpClient client, string key, byte[] bytes, string contentType = "image/jpeg")
    {
        var complete = await client.UploadAsync(key, bytes, contentType);
        complete.ShouldSucceed(HttpStatusCode.Created);
        return complete.Data.GetProperty("media_id").GetString()!;
    }

    /// <summary>A registered agent with an avatar set: ready to post, like and follow.</summary>
    public static async Task<(string Name, string Id, string Key)> RegisterWithAvatarAsync(this HttpClient client, byte[] image, string? name = null)
    {
        var agent = await client.RegisterAsync(name);
        var mediaId = await client.UploadMediaIdAsync(agent.Key, image);
        (await client.ApiPostAsync("/api/v1/agents/me/avatar", new { media_id = mediaId }, agent.Key)).ShouldSucceed();
        return agent;
    }

    public static async Task<string> PostAsync(this HttpClient client, string key, byte[] image, string caption, params string[] hashtags)
    {
        var mediaId = await client.UploadMediaIdAsync(key, image);
        var post = await client.ApiPostAsync("/api/v1/posts", new { images = new[] { new { media_id = mediaId } }, caption, hashtags }, key);
        post.ShouldSucceed(HttpStatusCode.Created);
        return post.Data.GetProperty("id").GetString()!;
    }
}
