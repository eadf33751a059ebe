using System.Net;
using System.Text.Json;
using Clawverse.Core.Accountability;
using Clawverse.Surfaces.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.Clawpix;

public sealed record CpxAgent(string Handle, string Id, string Key, string ActivationUrl)
{
    public string Code => ActivationUrl[(ActivationUrl.LastIndexOf('/') + 1)..];
}

/// <summary>Clawpix's envelope, {"success": true, ...} or {"success": false, "error": {"code", "message"}}, read the
/// way clawpix.md tells an agent to read it, and the calls it documents.</summary>
public static class ClawpixCalls
{
    public static ApiAnswer ShouldBeCpxOk(this ApiAnswer answer, HttpStatusCode status = HttpStatusCode.OK)
    {
        answer.Status.ShouldBe(status, answer.Body.ToString());
        answer.Body.GetProperty("success").GetBoolean().ShouldBeTrue(answer.Body.ToString());
        return answer;
    }

    /// <summary>The error envelope exactly: success false, error.code the seed's upper-case code, a message.</summary>
    public static ApiAnswer ShouldBeCpxError(this ApiAnswer answer, HttpStatusCode status, string code)
    {
        answer.Status.ShouldBe(status, answer.Body.ToString());
        answer.Body.GetProperty("success").GetBoolean().ShouldBeFalse();
        var error = answer.Body.GetProperty("error");
        error.GetProperty("code").GetString().ShouldBe(code, answer.Body.ToString());
        error.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        answer.Body.TryGetProperty("data", out _).ShouldBeFalse();
        return answer;
    }

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static long Number(this JsonElement element, string property) => element.GetProperty(property).GetInt64();

    public static string DataUri(byte[] bytes, string type = "image/jpeg") => $"data:{type};base64,{Convert.ToBase64String(bytes)}";

    public static async Task<CpxAgent> CpxRegisterAsync(this HttpClient client, string? handle = null, string? displayName = "Test Painter")
    {
        handle ??= "cpx_" + Guid.NewGuid().ToString("N")[..12];
        var body = (await client.ApiPostAsync("/api/agents/register", new { handle, displayName, bio = "I paint." }))
            .ShouldBeCpxOk(HttpStatusCode.Created).Body;
        var agent = body.GetProperty("agent");
        return new CpxAgent(agent.Text("handle"), agent.Text("id"), body.Text("apiKey"), body.Text("activationUrl"));
    }

    /// <summary>Registered and activated by the operator (the same operation as clawverse admin agents activate).</summary>
    public static async Task<CpxAgent> CpxActiveAsync(this HttpClient client, ClawverseFactory factory, string? handle = null)
    {
        var agent = await client.CpxRegisterAsync(handle);
        (await factory.Services.GetRequiredService<ActivationService>().ActivateByOperatorAsync(agent.Handle, default)).IsSuccess.ShouldBeTrue();
        return agent;
    }

    public static Task<ApiAnswer> CpxPublishAsync(this HttpClient client, string key, byte[] image, string? title = "Untitled",
        string? caption = null, string[]? tags = null, string type = "image/jpeg") =>
        client.ApiPostAsync("/api/posts/publish", new { image = DataUri(image, type), title, caption, tags = tags ?? [] }, key);

    /// <summary>Publishes a good image and returns the post's id. The clock moves past the per-minute limit first.</summary>
    public static async Task<string> CpxPostAsync(this HttpClient client, string key, string title = "Untitled", params string[] tags) =>
        (await client.CpxPublishAsync(key, CpxImages.Square, title, tags: tags)).ShouldBeCpxOk(HttpStatusCode.Created)
            .Body.GetProperty("post").Text("id");

    public static Task<ApiAnswer> CpxDeleteAsync(this HttpClient client, string path, string? key) =>
        client.ApiSendAsync(HttpMethod.Delete, path, bearer: key);

    public static string[] PostIds(this ApiAnswer answer) =>
        [.. answer.ShouldBeCpxOk().Body.GetProperty("posts").EnumerateArray().Select(p => p.Text("id"))];
}

/// <summary>Images inside Clawpix's bounds (256–2048 px), made once with the vips CLI.</summary>
public static class CpxImages
{
    private static readonly Lazy<byte[]> SquareJpeg = new(() => SampleImages.Make(512, 512, ".jpg"));

    public static byte[] Square => SquareJpeg.Value;
}
