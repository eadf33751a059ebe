using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Clawverse.Surfaces.Tests.Support;
using Clawverse.Testing.Images;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class MediaLifecycleTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Upload_put_complete_returns_processed_media_and_a_retry_returns_the_same()
    {
        var (_, _, key) = await _client.RegisterAsync();
        var bytes = SampleImages.Jpeg;

        var upload = (await _client.CreateUploadAsync(key, bytes.Length)).ShouldSucceed(HttpStatusCode.Created);
        upload.Data.GetProperty("upload_headers").GetProperty("content-type").GetString().ShouldBe("image/jpeg");
        upload.Data.GetProperty("expires_at").GetDateTimeOffset().ShouldBe(factory.Clock.GetUtcNow().AddHours(1), TimeSpan.FromSeconds(1));
        var uploadUrl = upload.Data.GetProperty("upload_url").GetString()!;
        uploadUrl.ShouldContain(upload.Data.GetProperty("upload_id").GetString()!);
        (await _client.PutBytesAsync(uploadUrl, bytes)).ShouldSucceed();

        var completePath = $"/api/v1/media/uploads/{upload.Data.GetProperty("upload_id").GetString()}/complete";
        var complete = (await _client.ApiPostAsync(completePath, bearer: key)).ShouldSucceed(HttpStatusCode.Created);
        complete.Data.GetProperty("status").GetString().ShouldBe("complete");
        complete.Data.GetProperty("width").GetInt32().ShouldBe(320);
        complete.Data.GetProperty("height").GetInt32().ShouldBe(240);
        var variants = complete.Data.GetProperty("variants");
        variants.GetProperty("thumb").GetProperty("width").GetInt32().ShouldBe(256);
        variants.GetProperty("feed").GetProperty("width").GetInt32().ShouldBe(320);
        complete.Data.GetProperty("blurhash").GetString()!.Length.ShouldBe(28);
        complete.Data.GetProperty("dominant_color").GetString()!.ShouldMatch("^#[0-9a-f]{6}$");

        var retry = (await _client.ApiPostAsync(completePath, bearer: key)).ShouldSucceed(HttpStatusCode.OK);
        retry.Data.GetProperty("media_id").GetString().ShouldBe(complete.Data.GetProperty("media_id").GetString());
        (await _client.PutBytesAsync(uploadUrl, bytes)).ShouldFail(HttpStatusCode.Conflict, "validation_error");
    }

    [Fact]
    public async Task Media_is_served_immutable_with_etag_and_ranges()
    {
        var (_, _, key) = await _client.RegisterAsync();
        var complete = (await _client.UploadAsync(key, SampleImages.Large)).ShouldSucceed(HttpStatusCode.Created);
        complete.Data.GetProperty("variants").GetProperty("full").GetProperty("width").GetInt32().ShouldBe(2048);
        var url = new Uri(complete.Data.GetProperty("variants").GetProperty("feed").GetProperty("url").GetString()!).PathAndQuery;

        var full = await _client.GetAsync(url);
        full.StatusCode.ShouldBe(HttpStatusCode.OK);
        full.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
        full.Headers.CacheControl!.ToString().ShouldBe("public, max-age=31536000, immutable");
        var body = await full.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(body, 0, 4).ShouldBe("RIFF");
        Encoding.ASCII.GetString(body, 8, 4).ShouldBe("WEBP");

        using var ranged = new HttpRequestMessage(HttpMethod.Get, url);
        ranged.Headers.Range = new RangeHeaderValue(0, 63);
        var partial = await _client.SendAsync(ranged);
        partial.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await partial.Content.ReadAsByteArrayAsync()).ShouldBe(body[..64]);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(full.Headers.ETag!);
        (await _client.SendAsync(conditional)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await _client.GetAsync($"/media/{Guid.CreateVersion7()}/feed.webp")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.GetAsync(url.Replace("feed.webp", "huge.webp", StringComparison.Ordinal))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("image/gif", 100, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type")]
    [InlineData("text/html", 100, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type")]
    [InlineData("image/png", 10 * 1024 * 1024 + 1, HttpStatusCode.RequestEntityTooLarge, "payload_too_large")]
    [InlineData("image/png", 0, HttpStatusCode.BadRequest, "validation_error")]
    [InlineData("image/png", -5, HttpStatusCode.BadRequest, "validation_error")]
    public async Task Bad_upload_requests_are_refused(string contentType, long size, HttpStatusCode status, string code)
    {
        var (_, _, key) = await _client.RegisterAsync();

        (await _client.CreateUploadAsync(key, size, contentType)).ShouldFail(status, code);
    }

    [Fact]
    public async Task Upload_requests_need_a_filename_and_a_well_formed_checksum()
    {
        var (_, _, key) = await _client.RegisterAsync();

        (await _client.ApiPostAsync("/api/v1/media/uploads", new { content_type = "image/png", size_bytes = 10 }, key))
            .ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiPostAsync("/api/v1/media/uploads", new { filename = "a.png", content_type = "image/png", size_bytes = 10, checksum = "md5:abc" }, key))
            .ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiPostAsync("/api/v1/media/uploads", new { filename = "a.png", content_type = "image/png", size_bytes = 10 }))
            .ShouldFail(HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task The_put_enforces_the_token_and_the_declared_size()
    {
        var (_, _, key) = await _client.RegisterAsync();
        var bytes = SampleImages.Jpeg;
        var upload = (await _client.CreateUploadAsync(key, bytes.Length)).ShouldSucceed(HttpStatusCode.Created);
        var url = upload.Data.GetProperty("upload_url").GetString()!;
        var id = upload.Data.GetProperty("upload_id").GetString()!;

        (await _client.PutBytesAsync($"https://clawverse.test/uploads/{id}?token=upl_wrong", bytes)).ShouldFail(HttpStatusCode.NotFound, "not_found");
        (await _client.PutBytesAsync($"https://clawverse.test/uploads/{id}", bytes)).ShouldFail(HttpStatusCode.NotFound, "not_found");
        (await _client.PutBytesAsync(url, [.. bytes, 0])).ShouldFail(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        (await _client.PutBytesAsync(url, bytes[..^1])).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiPostAsync($"/api/v1/media/uploads/{id}/complete", bearer: key)).ShouldFail(HttpStatusCode.Conflict, "validation_error");
        (await _client.PutBytesAsync(url, bytes)).ShouldSucceed();
    }

    [Fact]
    public async Task A_declared_checksum_must_match_the_bytes()
    {
        var (_, _, key) = await _client.RegisterAsync();
        var bytes = SampleImages.Png;
        var good = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var wrong = (await _client.ApiPostAsync("/api/v1/media/uploads",
            new { filename = "a.png", content_type = "image/png", size_bytes = bytes.Length, checksum = "sha256:" + new string('0', 64) }, key)).Data;
        (await _client.PutBytesAsync(wrong.GetProperty("upload_url").GetString()!, bytes, "image/png")).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        var right = (await _client.ApiPostAsync("/api/v1/media/uploads",
            new { filename = "a.png", content_type = "image/png", size_bytes = bytes.Length, checksum = "sha256:" + good }, key)).Data;
        (await _client.PutBytesAsync(right.GetProperty("upload_url").GetString()!, bytes, "image/png")).ShouldSucceed();
    }

    [Fact]
    public async Task Completing_is_for_the_owner_before_expiry_with_matching_magic_bytes()
    {
        var (_, _, key) = await _client.RegisterAsync();
        var (_, _, stranger) = await _client.RegisterAsync();
        var bytes = SampleImages.Jpeg;

        var declaredPng = (await _client.CreateUploadAsync(key, bytes.Length, "image/png")).Data;
        (await _client.PutBytesAsync(declaredPng.GetProperty("upload_url").GetString()!, bytes, "image/png")).ShouldSucceed();
        var path = $"/api/v1/media/uploads/{declaredPng.GetProperty("upload_id").GetString()}/complete";
        (await _client.ApiPostAsync(path, bearer: stranger)).ShouldFail(HttpStatusCode.Forbidden, "media_not_owned");
        (await _client.ApiPostAsync(path, bearer: key)).ShouldFail(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        (await _client.ApiPostAsync($"/api/v1/media/uploads/{Guid.CreateVersion7()}/complete", bearer: key)).ShouldFail(HttpStatusCode.NotFound, "not_found");
        (await _client.ApiPostAsync("/api/v1/media/uploads/nope/complete", bearer: key)).ShouldFail(HttpStatusCode.NotFound, "not_found");

        var late = (await _client.CreateUploadAsync(key, bytes.Length)).Data;
        (await _client.PutBytesAsync(late.GetProperty("upload_url").GetString()!, bytes)).ShouldSucceed();
        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        try
        {
            (await _client.ApiPostAsync($"/api/v1/media/uploads/{late.GetProperty("upload_id").GetString()}/complete", bearer: key))
                .ShouldFail(HttpStatusCode.Gone, "upload_expired");
            (await _client.PutBytesAsync(late.GetProperty("upload_url").GetString()!, bytes)).ShouldFail(HttpStatusCode.Gone, "upload_expired");
        }
        finally
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(-61));
        }
    }

    public static TheoryData<string, string, string> BadImages() => new()
    {
        { "polyglot", "image/png", "invalid_image" },
        { "truncated", "image/jpeg", "invalid_image" },
        { "bomb", "image/png", "image_too_large" },
        { "tiny", "image/png", "image_dimensions_too_small" },
        { "wide", "image/png", "image_dimensions_too_large" },
    };

    [Theory]
    [MemberData(nameof(BadImages))]
    public async Task Bad_images_are_refused_with_a_stable_code_and_the_server_stays_up(string kind, string contentType, string code)
    {
        var (_, _, key) = await _client.RegisterAsync();
        var bytes = kind switch
        {
            "polyglot" => [.. new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, .. Encoding.ASCII.GetBytes("<html><script>alert(1)</script></html>")],
            "truncated" => SampleImages.Large[..(SampleImages.Large.Length / 3)],
            "bomb" => PngBomb.TwentyThousandSquare,
            "wide" => SampleImages.Make(12_001, 40, ".png"),
            _ => SampleImages.Make(16, 16, ".png"),
        };

        var answer = await _client.UploadAsync(key, bytes, contentType);

        answer.ShouldFail(HttpStatusCode.UnprocessableEntity, code);
        (await _client.ApiGetAsync("/healthz")).ShouldSucceed();
    }

    [Fact]
    public async Task Eight_uploads_in_flight_all_complete()
    {
        var (_, _, key) = await _client.RegisterAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _client.UploadAsync(key, SampleImages.Large)));

        answers.ShouldAllBe(a => a.Status == HttpStatusCode.Created);
        answers.Select(a => a.Data.GetProperty("media_id").GetString()).Distinct().Count().ShouldBe(8);
    }

    [Fact]
    public async Task A_retried_upload_create_with_an_idempotency_key_opens_one_session()
    {
        var (_, _, key) = await _client.RegisterAsync();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var body = new { filename = "a.jpg", content_type = "image/jpeg", size_bytes = 100 };

        var first = await _client.ApiPostAsync("/api/v1/media/uploads", body, key, headers);
        var second = await _client.ApiPostAsync("/api/v1/media/uploads", body, key, headers);

        second.Data.GetProperty("upload_id").GetString().ShouldBe(first.Data.GetProperty("upload_id").GetString());
    }
}
