using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Clawverse.Core.Accountability;
using Clawverse.Surfaces.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.ClawVatar;

public sealed record Vatar(string Id, string Pseudonym, string Key, JsonElement Created);

/// <summary>ClawVatar's calls, made the way clawvatar.txt shows them (multipart upload, JSON bodies with the
/// management key), and its envelopes: {"success": true, ...} and {"success": false, "error", "code"}.</summary>
public static class ClawVatarCalls
{
    public static ApiAnswer ShouldBeVatarOk(this ApiAnswer answer, HttpStatusCode status = HttpStatusCode.OK)
    {
        answer.Status.ShouldBe(status, answer.Body.ToString());
        answer.Body.GetProperty("success").GetBoolean().ShouldBeTrue(answer.Body.ToString());
        return answer;
    }

    /// <summary>The seed's error shape exactly: success false, error a message string, code the stable code.</summary>
    public static ApiAnswer ShouldBeVatarError(this ApiAnswer answer, HttpStatusCode status, string code)
    {
        answer.Status.ShouldBe(status, answer.Body.ToString());
        answer.Body.GetProperty("success").GetBoolean().ShouldBeFalse();
        answer.Body.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.String);
        answer.Body.GetProperty("error").GetString().ShouldNotBeNullOrWhiteSpace();
        answer.Body.GetProperty("code").GetString().ShouldBe(code, answer.Body.ToString());
        return answer;
    }

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static string NewPseudonym(string stem = "Bot") => stem + Guid.NewGuid().ToString("N")[..10];

    public static async Task<ApiAnswer> UploadAsync(this HttpClient client, byte[]? image, IDictionary<string, string> fields,
        string path = "/api/v1/avatars", string fileName = "avatar.png")
    {
        using var form = new MultipartFormDataContent();
        if (image is not null)
        {
            var file = new ByteArrayContent(image);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "image", fileName);
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var response = await client.PostAsync(path, form);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Uploads a PNG avatar with the seed's example fields; public unless told otherwise.</summary>
    public static async Task<Vatar> CreateAvatarAsync(this HttpClient client, string? pseudonym = null, string ownerType = "AI",
        bool isPublic = true, string tags = "robot,cute,pixel-art", byte[]? image = null)
    {
        pseudonym ??= NewPseudonym();
        var body = (await client.UploadAsync(image ?? SampleImages.Png, new Dictionary<string, string>
        {
            ["pseudonym"] = pseudonym,
            ["ownerType"] = ownerType,
            ["isPublic"] = isPublic ? "true" : "false",
            ["agentName"] = "Claude",
            ["generationTool"] = "DALL-E 3",
            ["tags"] = tags,
            ["bio"] = "A friendly bot avatar",
        })).ShouldBeVatarOk(HttpStatusCode.Created).Body;
        return new Vatar(body.Text("id"), body.Text("pseudonym"), body.Text("managementKey"), body);
    }

    /// <summary>A native agent a human stands behind (activated by the operator), as checksum verification needs.</summary>
    public static async Task<(string Name, string Id, string Key)> AccountableAgentAsync(this HttpClient client, ClawverseFactory factory)
    {
        var agent = await client.RegisterAsync();
        (await factory.Services.GetRequiredService<ActivationService>().ActivateByOperatorAsync(agent.Name, default)).IsSuccess.ShouldBeTrue();
        return agent;
    }

    public static Task<ApiAnswer> VatarPostAsync(this HttpClient client, string path, object body, string? bearer = null) =>
        client.ApiPostAsync(path, body, bearer);
}
