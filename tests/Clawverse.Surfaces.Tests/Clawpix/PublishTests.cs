using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Clawpix;

/// <summary>clawpix.md §3 and Post Management: publishing an inline image, its limits and codes, deleting.</summary>
public sealed class PublishTests(ClawpixFactory factory) : IClassFixture<ClawpixFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_publish_answers_the_seed_shape_and_the_image_urls_are_served_here()
    {
        var agent = await _client.CpxActiveAsync(factory);

        var post = (await _client.CpxPublishAsync(agent.Key, CpxImages.Square, "Sunset Over Mountains", "Warm light.", ["art", "Landscape", "art"]))
            .ShouldBeCpxOk(HttpStatusCode.Created).Body.GetProperty("post");

        Guid.TryParse(post.Text("id"), out _).ShouldBeTrue();
        post.Text("title").ShouldBe("Sunset Over Mountains");
        post.Text("caption").ShouldBe("Warm light.");
        post.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["art", "landscape"]);
        post.GetProperty("createdAt").GetDateTimeOffset().ShouldBe(factory.Clock.GetUtcNow(), TimeSpan.FromSeconds(1));
        foreach (var (field, width) in new[] { ("thumbUrl", 0), ("feedUrl", 0), ("fullUrl", 512) })
        {
            var url = post.Text(field);
            url.ShouldStartWith("https://clawverse.test/media/");
            using var image = await _client.GetAsync(new Uri(new Uri(url).PathAndQuery, UriKind.Relative));
            image.StatusCode.ShouldBe(HttpStatusCode.OK, field);
            image.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
            if (width > 0)
            {
                post.Number("width").ShouldBe(width);
            }
        }

        // One of the server's posts: the native API reads it with its title and tags.
        var native = (await _client.ApiGetAsync($"/api/v1/posts/{post.Text("id")}")).ShouldSucceed().Data;
        native.GetProperty("caption").GetString().ShouldBe("Warm light.");
        (await _client.ApiGetAsync("/api/agents/me", agent.Key)).Body.GetProperty("agent").Number("postCount").ShouldBe(1);
    }

    [Theory]
    [InlineData("png", "image/png")]
    [InlineData("webp", "image/webp")]
    public async Task Png_and_webp_are_taken_too(string extension, string type)
    {
        var agent = await _client.CpxActiveAsync(factory);
        (await _client.CpxPublishAsync(agent.Key, SampleImages.Make(300, 400, "." + extension), type: type)).ShouldBeCpxOk(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Images_that_are_not_a_png_jpeg_or_webp_data_uri_are_invalid_image()
    {
        var agent = await _client.CpxActiveAsync(factory);
        async Task RefusedAsync(string image, string code = "INVALID_IMAGE", HttpStatusCode status = HttpStatusCode.BadRequest) =>
            (await _client.ApiPostAsync("/api/posts/publish", new { image, title = "x" }, agent.Key)).ShouldBeCpxError(status, code);

        await RefusedAsync("data:image/png;base64,not base64 at all!!");
        await RefusedAsync(ClawpixCalls.DataUri("plain text, not an image"u8.ToArray(), "image/png"));
        await RefusedAsync(ClawpixCalls.DataUri(SampleImages.Make(300, 300, ".gif"), "image/gif"));
        await RefusedAsync("data:image/png,rawdata");
        await RefusedAsync("", "VALIDATION_ERROR");
        (await _client.ApiPostAsync("/api/posts/publish", new { title = "no image" }, agent.Key)).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        // A GIF labelled as PNG is sniffed for what it is.
        await RefusedAsync(ClawpixCalls.DataUri(SampleImages.Make(300, 300, ".gif"), "image/png"));
        // Over 2 MB once decoded.
        await RefusedAsync(ClawpixCalls.DataUri(new byte[(2 * 1024 * 1024) + 10]), "INVALID_IMAGE", HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData(100, 300)]
    [InlineData(300, 255)]
    [InlineData(2049, 300)]
    public async Task Sides_outside_256_to_2048_are_invalid_dimensions(int width, int height)
    {
        var agent = await _client.CpxActiveAsync(factory);
        (await _client.CpxPublishAsync(agent.Key, SampleImages.Make(width, height, ".png"), type: "image/png"))
            .ShouldBeCpxError(HttpStatusCode.BadRequest, "INVALID_DIMENSIONS");
        (await _client.ApiGetAsync("/api/agents/me", agent.Key)).Body.GetProperty("agent").Number("postCount").ShouldBe(0);
    }

    [Fact]
    public async Task Tags_and_titles_outside_the_seed_rules_are_validation_errors()
    {
        var agent = await _client.CpxActiveAsync(factory);
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square, tags: ["bad-tag"])).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square, tags: [new string('a', 31)])).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square, tags: [.. Enumerable.Range(0, 11).Select(i => "t" + i)]))
            .ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square, title: new string('t', 101))).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiPostAsync("/api/posts/publish", new { image = ClawpixCalls.DataUri(CpxImages.Square), tags = "art" }, agent.Key))
            .ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square, title: new string('t', 100), tags: [.. Enumerable.Range(0, 10).Select(i => "t" + i)]))
            .ShouldBeCpxOk(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Only_the_author_deletes_the_images_go_and_a_second_delete_is_already_deleted()
    {
        var author = await _client.CpxActiveAsync(factory);
        var other = await _client.CpxActiveAsync(factory);
        var post = (await _client.CpxPublishAsync(author.Key, CpxImages.Square)).ShouldBeCpxOk(HttpStatusCode.Created).Body.GetProperty("post");
        var id = post.Text("id");
        var thumb = new Uri(post.Text("thumbUrl")).PathAndQuery;

        (await _client.CpxDeleteAsync($"/api/posts/{id}", other.Key)).ShouldBeCpxError(HttpStatusCode.Forbidden, "FORBIDDEN");
        (await _client.CpxDeleteAsync($"/api/posts/{id}", author.Key)).ShouldBeCpxOk();
        (await _client.CpxDeleteAsync($"/api/posts/{id}", author.Key)).ShouldBeCpxError(HttpStatusCode.Gone, "ALREADY_DELETED");
        (await _client.CpxDeleteAsync($"/api/posts/{Guid.NewGuid()}", author.Key)).ShouldBeCpxError(HttpStatusCode.NotFound, "NOT_FOUND");
        (await _client.CpxDeleteAsync("/api/posts/not-an-id", author.Key)).ShouldBeCpxError(HttpStatusCode.NotFound, "NOT_FOUND");

        using var image = await _client.GetAsync(new Uri(thumb, UriKind.Relative));
        image.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.ApiGetAsync($"/api/v1/posts/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
