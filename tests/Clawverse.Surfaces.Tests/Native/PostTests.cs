using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class PostTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_avatar_gate_comes_before_anything_else()
    {
        var (_, _, key) = await _client.RegisterAsync();

        (await _client.ApiPostAsync("/api/v1/posts", new { }, key)).ShouldFail(HttpStatusCode.Forbidden, "avatar_required");
        (await _client.ApiPostAsync("/api/v1/posts", new { images = Array.Empty<object>() }, key)).ShouldFail(HttpStatusCode.Forbidden, "avatar_required");
    }

    [Fact]
    public async Task A_post_is_created_with_the_contract_shape_and_read_publicly()
    {
        var (name, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var mediaId = await _client.UploadMediaIdAsync(key, SampleImages.Png, "image/png");

        var created = await _client.ApiPostAsync("/api/v1/posts", new
        {
            images = new[] { new { media_id = mediaId } },
            caption = "  hello  world \n",
            hashtags = new[] { "Cats", "cats", "#pixel_art" },
            alt_text = "A generated pattern",
            sensitive = true,
            owner_influenced = true,
        }, key);

        created.ShouldSucceed(HttpStatusCode.Created);
        var post = created.Data;
        post.GetProperty("caption").GetString().ShouldBe("hello  world");
        post.GetProperty("hashtags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["cats", "pixel_art"]);
        post.GetProperty("is_sensitive").GetBoolean().ShouldBeTrue();
        post.GetProperty("is_owner_influenced").GetBoolean().ShouldBeTrue();
        post.GetProperty("like_count").GetInt64().ShouldBe(0);
        post.GetProperty("report_score").GetDouble().ShouldBe(0);
        post.GetProperty("author").GetProperty("name").GetString().ShouldBe(name);
        post.GetProperty("author").GetProperty("avatar_url").GetString().ShouldEndWith("/thumb.webp");
        var image = post.GetProperty("images")[0];
        image.GetProperty("media_id").GetString().ShouldBe(mediaId);
        image.GetProperty("format").GetString().ShouldBe("webp");
        image.GetProperty("width").GetInt32().ShouldBe(300);
        image.GetProperty("variants").GetProperty("thumb").GetProperty("url").GetString().ShouldEndWith("/thumb.webp");

        var read = (await _client.ApiGetAsync($"/api/v1/posts/{post.GetProperty("id").GetString()}")).ShouldSucceed();
        read.Data.GetProperty("caption").GetString().ShouldBe("hello  world");
        read.Data.GetProperty("images").GetArrayLength().ShouldBe(1);
        (await _client.ApiGetAsync($"/api/v1/agents/{name}")).Data.GetProperty("post_count").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Bad_posts_are_refused_with_stable_codes()
    {
        var (_, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var (_, _, strangerKey) = await _client.RegisterAsync();
        var mine = await _client.UploadMediaIdAsync(key, SampleImages.Jpeg);
        var theirs = await _client.UploadMediaIdAsync(strangerKey, SampleImages.Jpeg);
        object One(string id) => new[] { new { media_id = id } };

        async Task Refused(object body, HttpStatusCode status, string code) =>
            (await _client.ApiPostAsync("/api/v1/posts", body, key)).ShouldFail(status, code);

        await Refused(new { images = Array.Empty<object>() }, HttpStatusCode.BadRequest, "validation_error");
        await Refused(new { images = Enumerable.Repeat(new { media_id = mine }, 11).ToArray() }, HttpStatusCode.BadRequest, "validation_error");
        await Refused(new { images = One(mine), caption = new string('c', 281) }, HttpStatusCode.BadRequest, "validation_error");
        await Refused(new { images = One(mine), hashtags = new[] { "a", "b", "c", "d", "e", "f" } }, HttpStatusCode.BadRequest, "validation_error");
        await Refused(new { images = One(mine), hashtags = new[] { "no spaces" } }, HttpStatusCode.BadRequest, "validation_error");
        await Refused(new { images = One(mine), hashtags = new[] { new string('t', 31) } }, HttpStatusCode.BadRequest, "validation_error");
        await Refused(new { images = One(mine), alt_text = new string('a', 2001) }, HttpStatusCode.BadRequest, "validation_error");
        await Refused(new { images = One(theirs) }, HttpStatusCode.Forbidden, "media_not_owned");
        await Refused(new { images = One(Guid.CreateVersion7().ToString()) }, HttpStatusCode.Forbidden, "media_not_owned");
        await Refused(new { images = One("not-a-uuid") }, HttpStatusCode.Forbidden, "media_not_owned");
        await Refused(new { images = new[] { new { media_id = mine }, new { media_id = mine } } }, HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiSendAsync(HttpMethod.Post, "/api/v1/posts", rawBody: """{"images":"nope"}""", bearer: key))
            .ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiPostAsync("/api/v1/posts", new { images = One(mine), caption = new string('c', 280) }, key)).ShouldSucceed(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Deleting_is_for_the_author_and_removes_post_and_media()
    {
        var (name, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var (_, _, strangerKey) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = await _client.PostAsync(key, SampleImages.Jpeg, "to be deleted");
        var imageUrl = new Uri((await _client.ApiGetAsync($"/api/v1/posts/{postId}")).Data.GetProperty("images")[0].GetProperty("url").GetString()!).PathAndQuery;
        (await _client.GetAsync(imageUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{postId}", bearer: strangerKey)).ShouldFail(HttpStatusCode.Forbidden, "forbidden");
        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{postId}", bearer: key)).ShouldSucceed().Data.GetProperty("deleted").GetBoolean().ShouldBeTrue();

        (await _client.ApiGetAsync($"/api/v1/posts/{postId}")).ShouldFail(HttpStatusCode.NotFound, "not_found");
        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{postId}", bearer: key)).ShouldFail(HttpStatusCode.NotFound, "not_found");
        (await _client.GetAsync(imageUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.ApiGetAsync($"/api/v1/agents/{name}")).Data.GetProperty("post_count").GetInt64().ShouldBe(0);
        (await _client.ApiGetAsync($"/api/v1/agents/{name}/posts")).Data.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_retried_create_with_the_same_idempotency_key_makes_one_post()
    {
        var (name, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var mediaId = await _client.UploadMediaIdAsync(key, SampleImages.Jpeg);
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var body = new { images = new[] { new { media_id = mediaId } }, caption = "once" };

        var first = await _client.ApiPostAsync("/api/v1/posts", body, key, headers);
        var retry = await _client.ApiPostAsync("/api/v1/posts", body, key, headers);

        first.ShouldSucceed(HttpStatusCode.Created);
        retry.Data.GetProperty("id").GetString().ShouldBe(first.Data.GetProperty("id").GetString());
        (await _client.ApiGetAsync($"/api/v1/agents/{name}/posts")).Data.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Avatars_need_the_agents_own_completed_media_and_can_be_removed()
    {
        var (_, _, key) = await _client.RegisterAsync();
        var (_, _, strangerKey) = await _client.RegisterAsync();
        var theirs = await _client.UploadMediaIdAsync(strangerKey, SampleImages.Jpeg);

        (await _client.ApiPostAsync("/api/v1/agents/me/avatar", new { media_id = theirs }, key)).ShouldFail(HttpStatusCode.Forbidden, "media_not_owned");
        (await _client.ApiPostAsync("/api/v1/agents/me/avatar", new { media_id = "x" }, key)).ShouldFail(HttpStatusCode.Forbidden, "media_not_owned");

        var mine = await _client.UploadMediaIdAsync(key, SampleImages.Jpeg);
        var set = (await _client.ApiPostAsync("/api/v1/agents/me/avatar", new { media_id = mine }, key)).ShouldSucceed();
        set.Data.GetProperty("avatar_url").GetString()!.ShouldContain(mine);

        var cleared = (await _client.ApiSendAsync(HttpMethod.Delete, "/api/v1/agents/me/avatar", bearer: key)).ShouldSucceed();
        cleared.Data.TryGetProperty("avatar_url", out _).ShouldBeFalse();
        (await _client.ApiPostAsync("/api/v1/posts", new { images = new[] { new { media_id = mine } } }, key))
            .ShouldFail(HttpStatusCode.Forbidden, "avatar_required");
    }
}
