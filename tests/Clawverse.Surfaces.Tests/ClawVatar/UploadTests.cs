using System.Net;
using Clawverse.Surfaces.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.ClawVatar;

/// <summary>clawvatar.txt "Upload an avatar": multipart, the one-time key, the 30-day expiry, the image rules.</summary>
public sealed class UploadTests(ClawVatarFactory factory) : IClassFixture<ClawVatarFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task An_upload_answers_the_key_once_with_the_expiry_and_warning_and_the_avatar_reads_back_without_it()
    {
        var pseudonym = ClawVatarCalls.NewPseudonym("CoolBot");
        var created = await _client.CreateAvatarAsync(pseudonym, isPublic: false);
        var body = created.Created;
        body.Text("pseudonym").ShouldBe(pseudonym);
        body.Text("ownerType").ShouldBe("AI");
        body.GetProperty("isPublic").GetBoolean().ShouldBeFalse();
        created.Key.Length.ShouldBe(43);
        created.Key.ShouldMatch("^[A-Za-z0-9_-]{43}$");
        body.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(factory.Clock.GetUtcNow().AddDays(30), TimeSpan.FromSeconds(5));
        body.Text("warning").ShouldBe("STORE THIS MANAGEMENT KEY SECURELY. This avatar expires in 30 days unless verified.");

        // Private: not in the gallery, not readable by pseudonym.
        (await _client.ApiGetAsync($"/api/v1/avatars/{pseudonym}")).ShouldBeVatarError(HttpStatusCode.NotFound, "avatar_not_found");

        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = created.Key, isPublic = true })).ShouldBeVatarOk();
        var read = (await _client.ApiGetAsync($"/api/v1/avatars/{pseudonym.ToLowerInvariant()}")).ShouldBeVatarOk().Body;
        foreach (var field in new[] { "id", "pseudonym", "ownerType", "isPublic", "isVerified", "isForever", "isFounder", "expiresAt", "walletAddress", "imageUrl", "createdAt" })
        {
            read.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        read.Text("id").ShouldBe(created.Id);
        read.GetProperty("isVerified").GetBoolean().ShouldBeFalse();
        read.GetProperty("walletAddress").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        read.Text("agentName").ShouldBe("Claude");
        read.Text("generationTool").ShouldBe("DALL-E 3");
        read.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["robot", "cute", "pixel-art"]);
        read.Text("bio").ShouldBe("A friendly bot avatar");
        read.Text("tier").ShouldBe("unverified");
        read.ToString().ShouldNotContain(created.Key);
        read.TryGetProperty("managementKey", out _).ShouldBeFalse();

        var image = await _client.GetAsync(new Uri(read.Text("imageUrl")).PathAndQuery);
        image.StatusCode.ShouldBe(HttpStatusCode.OK);
        image.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
    }

    [Fact]
    public async Task Both_upload_paths_work_and_large_images_are_resized_to_512()
    {
        var pseudonym = ClawVatarCalls.NewPseudonym();
        var body = (await _client.UploadAsync(SampleImages.Large, Fields(pseudonym), "/api/avatar/upload")).ShouldBeVatarOk(HttpStatusCode.Created).Body;
        var read = (await _client.ApiGetAsync($"/api/v1/avatars/{pseudonym}")).ShouldBeVatarOk().Body;
        var bytes = await _client.GetByteArrayAsync(new Uri(read.Text("imageUrl")).PathAndQuery);
        var (width, height) = WebpSize(bytes);
        Math.Max(width, height).ShouldBe(512);
        body.Text("managementKey").ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task An_svg_is_rendered_to_a_raster_and_never_served_as_svg()
    {
        const string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\"><script>alert(1)</script>" +
            "<rect width=\"64\" height=\"64\" fill=\"#3a7\"/><circle cx=\"32\" cy=\"32\" r=\"20\" fill=\"#fff\"/></svg>";
        var pseudonym = ClawVatarCalls.NewPseudonym("Svg");
        (await _client.UploadAsync(System.Text.Encoding.UTF8.GetBytes(svg), Fields(pseudonym), fileName: "a.svg")).ShouldBeVatarOk(HttpStatusCode.Created);
        var read = (await _client.ApiGetAsync($"/api/v1/avatars/{pseudonym}")).ShouldBeVatarOk().Body;
        var image = await _client.GetAsync(new Uri(read.Text("imageUrl")).PathAndQuery);
        image.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
        var (width, _) = WebpSize(await image.Content.ReadAsByteArrayAsync());
        width.ShouldBe(512, "a vector is rendered at the avatar size");
    }

    [Fact]
    public async Task A_gif_keeps_its_first_frame()
    {
        var pseudonym = ClawVatarCalls.NewPseudonym("Gif");
        (await _client.UploadAsync(SampleImages.Make(120, 80, ".gif"), Fields(pseudonym), fileName: "a.gif")).ShouldBeVatarOk(HttpStatusCode.Created);
        var read = (await _client.ApiGetAsync($"/api/v1/avatars/{pseudonym}")).ShouldBeVatarOk().Body;
        WebpSize(await _client.GetByteArrayAsync(new Uri(read.Text("imageUrl")).PathAndQuery)).ShouldBe((120, 80));
    }

    [Fact]
    public async Task Pseudonyms_are_unique_case_insensitively()
    {
        var first = await _client.CreateAvatarAsync();
        (await _client.UploadAsync(SampleImages.Png, Fields(first.Pseudonym.ToUpperInvariant())))
            .ShouldBeVatarError(HttpStatusCode.Conflict, "pseudonym_taken");
    }

    [Theory]
    [InlineData("pseudonym", "x", "invalid_pseudonym")]
    [InlineData("pseudonym", "has space", "invalid_pseudonym")]
    [InlineData("pseudonym", "abcdefghijklmnopqrstuvwxyz012345", "invalid_pseudonym")]
    [InlineData("pseudonym", "", "invalid_pseudonym")]
    [InlineData("ownerType", "ROBOT", "invalid_owner_type")]
    [InlineData("tags", "a,b,c,d,e,f,g,h,i,j,k", "invalid_tags")]
    [InlineData("tags", "abcdefghijklmnopqrstuvwxyz0123456", "invalid_tags")]
    [InlineData("isPublic", "yes", "validation_error")]
    public async Task Bad_fields_are_refused_with_their_code(string field, string value, string code)
    {
        var fields = Fields(ClawVatarCalls.NewPseudonym());
        fields[field] = value;
        (await _client.UploadAsync(SampleImages.Png, fields)).ShouldBeVatarError(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task A_long_bio_a_missing_image_a_non_image_and_a_json_body_are_refused()
    {
        var fields = Fields(ClawVatarCalls.NewPseudonym());
        fields["bio"] = new string('b', 161);
        (await _client.UploadAsync(SampleImages.Png, fields)).ShouldBeVatarError(HttpStatusCode.BadRequest, "bio_too_long");
        (await _client.UploadAsync(null, Fields(ClawVatarCalls.NewPseudonym()))).ShouldBeVatarError(HttpStatusCode.BadRequest, "image_required");
        (await _client.UploadAsync("not an image at all"u8.ToArray(), Fields(ClawVatarCalls.NewPseudonym())))
            .ShouldBeVatarError(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        (await _client.VatarPostAsync("/api/v1/avatars", new { pseudonym = "JsonBot", ownerType = "AI" }))
            .ShouldBeVatarError(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task Refused_uploads_store_no_image()
    {
        var before = await MediaRowsAsync();
        var fields = Fields(ClawVatarCalls.NewPseudonym());
        fields["ownerType"] = "nobody";
        (await _client.UploadAsync(SampleImages.Large, fields)).ShouldBeVatarError(HttpStatusCode.BadRequest, "invalid_owner_type");
        var taken = await _client.CreateAvatarAsync();
        var afterOne = await MediaRowsAsync();
        (await _client.UploadAsync(SampleImages.Png, Fields(taken.Pseudonym))).ShouldBeVatarError(HttpStatusCode.Conflict, "pseudonym_taken");
        var bioRefused = Fields(ClawVatarCalls.NewPseudonym());
        bioRefused["bio"] = ClawVatarFactory.BlockedWord;
        (await _client.UploadAsync(SampleImages.Png, bioRefused)).ShouldBeVatarError(HttpStatusCode.UnprocessableEntity, "content_violation");
        afterOne.ShouldBe(before + 1);
        (await MediaRowsAsync()).ShouldBe(afterOne);
    }

    [Fact]
    public async Task An_image_over_10_mb_is_refused_before_any_work()
    {
        var huge = new byte[10 * 1024 * 1024 + 1];
        SampleImages.Png.CopyTo(huge, 0);
        var refused = await _client.UploadAsync(huge, Fields(ClawVatarCalls.NewPseudonym()));
        refused.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge, refused.Body.ToString());
        refused.Body.GetProperty("success").GetBoolean().ShouldBeFalse();
        refused.Body.GetProperty("code").GetString().ShouldBe("payload_too_large");
    }

    private async Task<long> MediaRowsAsync()
    {
        await using var connection = await factory.Services.GetRequiredService<Clawverse.Storage.Database>().OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM media WHERE status = 'ready'");
    }

    [Fact]
    public async Task The_content_policy_holds_for_the_words_beside_an_avatar()
    {
        var fields = Fields(ClawVatarCalls.NewPseudonym());
        fields["bio"] = $"a {ClawVatarFactory.BlockedWord} bio";
        (await _client.UploadAsync(SampleImages.Png, fields)).ShouldBeVatarError(HttpStatusCode.UnprocessableEntity, "content_violation");
        (await _client.ApiGetAsync($"/api/v1/avatars/{fields["pseudonym"]}")).ShouldBeVatarError(HttpStatusCode.NotFound, "avatar_not_found");

        var avatar = await _client.CreateAvatarAsync();
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = avatar.Key, tags = new[] { ClawVatarFactory.BlockedWord } }))
            .ShouldBeVatarError(HttpStatusCode.UnprocessableEntity, "content_violation");
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = avatar.Key, bio = "fine words" })).ShouldBeVatarOk();
    }

    internal static Dictionary<string, string> Fields(string pseudonym, string ownerType = "AI") => new()
    {
        ["pseudonym"] = pseudonym,
        ["ownerType"] = ownerType,
        ["isPublic"] = "true",
    };

    /// <summary>Width and height from a WebP's VP8/VP8L/VP8X header.</summary>
    internal static (int Width, int Height) WebpSize(byte[] webp)
    {
        var chunk = System.Text.Encoding.ASCII.GetString(webp, 12, 4);
        return chunk switch
        {
            "VP8X" => (1 + (webp[24] | webp[25] << 8 | webp[26] << 16), 1 + (webp[27] | webp[28] << 8 | webp[29] << 16)),
            "VP8L" => (1 + ((webp[21] | webp[22] << 8) & 0x3FFF), 1 + (((webp[22] >> 6) | webp[23] << 2 | webp[24] << 10) & 0x3FFF)),
            _ => ((webp[26] | webp[27] << 8) & 0x3FFF, (webp[28] | webp[29] << 8) & 0x3FFF),
        };
    }
}
