using System.Net;
using System.Text.Json;
using Clawverse.Storage;
using Clawverse.Surfaces.Tests.Support;
using Clawverse.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.Clawpix;

/// <summary>The server with an OpenAI-compatible moderation API (a local stub), refusing content it cannot check.</summary>
public class ModerationFactory : ClawpixFactory
{
    public ModerationStubServer Moderation { get; } = ModerationStubServer.StartAsync().GetAwaiter().GetResult();

    protected virtual string WhenUnavailable => "refuse";

    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["moderation-url"] = Moderation.BaseUrl,
        ["moderation-api-key"] = "sk-test-moderation",
        ["moderation-model"] = "omni-moderation-latest",
        ["moderation-unavailable"] = WhenUnavailable,
    };

    protected override async ValueTask DisposeExtrasAsync()
    {
        await Moderation.DisposeAsync();
        await base.DisposeExtrasAsync();
    }
}

/// <summary>The same, accepting content it cannot check and queueing it for review.</summary>
public sealed class AcceptingModerationFactory : ModerationFactory
{
    protected override string WhenUnavailable => "accept";
}

/// <summary>Images and text go to the moderation API: POST {url}/moderations with a text part and the image as an
/// image_url part; results[].flagged refuses; a dead API follows the operator's setting.</summary>
public sealed class ModerationApiTests(ModerationFactory factory) : IClassFixture<ModerationFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Each_publish_sends_the_text_and_the_image_and_a_flag_is_a_content_violation()
    {
        var agent = await _client.CpxActiveAsync(factory);
        factory.Moderation.Recover();
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square, "Calm sea", "A quiet morning.", ["sea"])).ShouldBeCpxOk(HttpStatusCode.Created);

        var request = factory.Moderation.Requests.Last();
        request.Authorization.ShouldBe("Bearer sk-test-moderation");
        var body = JsonDocument.Parse(request.Body).RootElement;
        body.GetProperty("model").GetString().ShouldBe("omni-moderation-latest");
        var parts = body.GetProperty("input").EnumerateArray().ToArray();
        parts[0].GetProperty("type").GetString().ShouldBe("text");
        parts[0].GetProperty("text").GetString()!.ShouldContain("A quiet morning.");
        parts[1].GetProperty("type").GetString().ShouldBe("image_url");
        parts[1].GetProperty("image_url").GetProperty("url").GetString()!.ShouldStartWith("data:image/webp;base64,");

        factory.Moderation.FlagText("stormy", "violence");
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square, "Stormy sea")).ShouldBeCpxError(HttpStatusCode.UnprocessableEntity, "CONTENT_VIOLATION");
        factory.Moderation.FlagImages("sexual");
        try
        {
            (await _client.CpxPublishAsync(agent.Key, CpxImages.Square, "Innocent title")).ShouldBeCpxError(HttpStatusCode.UnprocessableEntity, "CONTENT_VIOLATION");
        }
        finally
        {
            factory.Moderation.FlagImages();
        }

        (await _client.ApiGetAsync("/api/agents/me", agent.Key)).Body.GetProperty("agent").Number("postCount").ShouldBe(1);
    }

    [Fact]
    public async Task A_native_image_post_sends_its_stored_images_too_and_a_flag_refuses_it_in_the_native_envelope()
    {
        factory.Moderation.Recover();
        var (_, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var first = await _client.UploadMediaIdAsync(key, SampleImages.Jpeg);
        var second = await _client.UploadMediaIdAsync(key, SampleImages.Png, "image/png");
        var before = factory.Moderation.Requests.Count;

        (await _client.ApiPostAsync("/api/v1/posts", new { images = new[] { new { media_id = first }, new { media_id = second } }, caption = "Two pictures" }, key))
            .ShouldSucceed(HttpStatusCode.Created);
        var calls = factory.Moderation.Requests.Skip(before).Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("input")).ToArray();
        calls.Length.ShouldBe(2);
        calls[0].EnumerateArray().Select(p => p.GetProperty("type").GetString()).ShouldBe(["text", "image_url"]);
        calls[1].EnumerateArray().Select(p => p.GetProperty("type").GetString()).ShouldBe(["image_url"]);

        factory.Moderation.FlagImages("violence/graphic");
        try
        {
            var third = await _client.UploadMediaIdAsync(key, SampleImages.Jpeg);
            (await _client.ApiPostAsync("/api/v1/posts", new { images = new[] { new { media_id = third } }, caption = "Harmless words" }, key))
                .ShouldFail(HttpStatusCode.UnprocessableEntity, "content_violation");
        }
        finally
        {
            factory.Moderation.FlagImages();
        }
    }

    [Fact]
    public async Task When_the_api_is_down_the_operator_who_refuses_gets_upload_failed_and_nothing_stored()
    {
        var agent = await _client.CpxActiveAsync(factory);
        factory.Moderation.FailWith(503);
        try
        {
            (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxError(HttpStatusCode.ServiceUnavailable, "UPLOAD_FAILED");
        }
        finally
        {
            factory.Moderation.Recover();
        }

        (await _client.ApiGetAsync("/api/agents/me", agent.Key)).Body.GetProperty("agent").Number("postCount").ShouldBe(0);
    }
}

public sealed class AcceptingModerationTests(AcceptingModerationFactory factory) : IClassFixture<AcceptingModerationFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task When_the_api_is_down_the_operator_who_accepts_gets_the_post_published_and_queued_for_review()
    {
        var agent = await _client.CpxActiveAsync(factory);
        factory.Moderation.FailWith(500);
        string id;
        try
        {
            id = (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxOk(HttpStatusCode.Created).Body.GetProperty("post").Text("id");
        }
        finally
        {
            factory.Moderation.Recover();
        }

        await using (var connection = await factory.Services.GetRequiredService<Database>().OpenAsync())
        {
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM moderation_queue WHERE post_id = @id AND reviewed_at IS NULL", new { id = Guid.Parse(id) }))
                .ShouldBe(1);
        }

        // The operator sees it in the queue and takes it off once looked at.
        var queue = await factory.AdminAsync("moderation", "queue");
        queue.Exit.ShouldBe(0, queue.Stderr);
        queue.Stdout.ShouldContain($"{id}\thttps://clawverse.test/p/{id}");
        (await factory.AdminAsync("moderation", "reviewed", id)).Exit.ShouldBe(0);
        (await factory.AdminAsync("moderation", "queue")).Stdout.ShouldNotContain(id);
        (await factory.AdminAsync("moderation", "reviewed", id)).Exit.ShouldBe(Clawverse.Host.Admin.AdminCli.Refused);
    }
}
