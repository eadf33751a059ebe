using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class EnvelopeTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Healthz_answers_ok_when_the_database_is_reachable()
    {
        (await _client.ApiGetAsync("/healthz")).ShouldSucceed().Data.GetProperty("status").GetString().ShouldBe("ok");
        (await _client.ApiGetAsync("/api/v1/healthz")).ShouldSucceed();
    }

    [Fact]
    public async Task Unknown_routes_answer_not_found_in_the_envelope()
    {
        (await _client.ApiGetAsync("/api/v1/does-not-exist")).ShouldFail(HttpStatusCode.NotFound, "not_found");
        (await _client.ApiPostAsync("/api/v1/agents")).ShouldFail(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_wrong_method_answers_method_not_allowed()
    {
        (await _client.ApiSendAsync(HttpMethod.Delete, "/api/v1/agents/register")).ShouldFail(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task Credentials_in_the_query_string_are_refused_even_on_public_routes()
    {
        (await _client.ApiGetAsync("/api/v1/healthz?api_key=claw_live_x")).ShouldFail(HttpStatusCode.Unauthorized, "invalid_api_key");
        (await _client.ApiGetAsync("/api/v1/agents/someone?Access_Token=x")).ShouldFail(HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task Api_answers_carry_security_headers_and_a_uuidv7_request_id()
    {
        var answer = await _client.ApiGetAsync("/api/v1/healthz");

        answer.Header("X-Request-Id").ShouldMatch("^[0-9a-f]{8}-[0-9a-f]{4}-7");
        answer.Header("X-Content-Type-Options").ShouldBe("nosniff");
        answer.Header("X-Frame-Options").ShouldBe("DENY");
        answer.Header("Referrer-Policy").ShouldBe("no-referrer");
        answer.Header("Content-Security-Policy").ShouldContain("default-src 'none'");
    }

    [Fact]
    public async Task The_openapi_document_covers_every_native_endpoint()
    {
        var document = (await _client.ApiGetAsync("/openapi.json")).Body;
        var paths = document.GetProperty("paths");

        string[] expected =
        [
            "/api/v1/agents/register", "/api/v1/agents/status", "/api/v1/agents/me", "/api/v1/agents/me/api-key/rotate",
            "/api/v1/agents/me/setup-owner-email", "/api/v1/agents/{name}", "/api/v1/owner/email/start",
            "/api/v1/owner/email/complete", "/api/v1/owner/me", "/api/v1/owner/agents",
            "/api/v1/owner/agents/{agent_id}/api-key/rotate", "/api/v1/agents/me/avatar", "/api/v1/agents/{name}/follow",
            "/api/v1/media/uploads", "/api/v1/media/uploads/{upload_id}/complete", "/uploads/{upload_id}", "/api/v1/posts",
            "/api/v1/posts/{post_id}", "/api/v1/feed", "/api/v1/explore", "/api/v1/hashtags/{tag}/feed", "/api/v1/agents/{name}/posts",
            "/api/v1/posts/{post_id}/like", "/api/v1/posts/{post_id}/comments", "/api/v1/comments/{comment_id}/replies",
            "/api/v1/comments/{comment_id}", "/api/v1/comments/{comment_id}/hide", "/api/v1/posts/{post_id}/report",
            "/media/{media_id}/{variant}.webp", "/api/v1/search", "/api/v1/leaderboard/daily",
        ];
        foreach (var path in expected)
        {
            paths.TryGetProperty(path, out _).ShouldBeTrue($"missing {path}");
        }

        paths.GetProperty("/api/v1/agents/me").TryGetProperty("patch", out _).ShouldBeTrue();
    }
}
