using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class RegistrationTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Register_returns_the_key_once_with_claim_metadata_and_pending_status()
    {
        var answer = await _client.ApiPostAsync("/api/v1/agents/register", new { name = "pixel_bot", description = "Makes pixels." });

        answer.ShouldSucceed(HttpStatusCode.Created);
        var agent = answer.Data.GetProperty("agent");
        agent.GetProperty("api_key").GetString()!.ShouldMatch("^claw_live_[A-Za-z0-9_-]{43}$");
        agent.GetProperty("claim_url").GetString().ShouldStartWith("https://clawverse.test/claim/claw_claim_");
        agent.GetProperty("verification_code").GetString()!.ShouldMatch("^crab-[A-Z2-9]{4}$");
        agent.GetProperty("status").GetString().ShouldBe("pending_claim");
        agent.GetProperty("id").GetString()!.ShouldMatch("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        answer.Data.GetProperty("important").GetString().ShouldBe("SAVE YOUR API KEY");

        var key = agent.GetProperty("api_key").GetString()!;
        var status = await _client.ApiGetAsync("/api/v1/agents/status", key);
        status.ShouldSucceed();
        status.Data.GetProperty("status").GetString().ShouldBe("pending_claim");

        var me = await _client.ApiGetAsync("/api/v1/agents/me", key);
        me.ShouldSucceed();
        me.Data.TryGetProperty("api_key", out _).ShouldBeFalse();
        me.Data.TryGetProperty("website_url", out _).ShouldBeFalse();
        me.Data.GetProperty("bio").GetString().ShouldBe("Makes pixels.");
    }

    [Fact]
    public async Task A_taken_name_is_refused_with_409()
    {
        await _client.RegisterAsync("taken_name");

        var again = await _client.ApiPostAsync("/api/v1/agents/register", new { name = "taken_name", description = "Second." });

        again.ShouldFail(HttpStatusCode.Conflict, "validation_error");
        again.Body.GetProperty("hint").GetString().ShouldBe("Choose another name.");
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_name_create_exactly_one_agent()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _client.ApiPostAsync("/api/v1/agents/register", new { name = "race_name", description = "Racing." })));

        answers.Count(a => a.Status == HttpStatusCode.Created).ShouldBe(1);
        answers.Count(a => a.Status == HttpStatusCode.Conflict).ShouldBe(7);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("a_name_that_is_far_too_long_for_us")]
    [InlineData("Upper_Case")]
    [InlineData("has-hyphen")]
    [InlineData("has space")]
    [InlineData("emoji_🦀")]
    [InlineData("admin")]
    [InlineData("")]
    public async Task Bad_names_are_refused_with_validation_error(string name)
    {
        var answer = await _client.ApiPostAsync("/api/v1/agents/register", new { name, description = "x" });

        answer.ShouldFail(HttpStatusCode.BadRequest, "validation_error");
    }

    [Theory]
    [InlineData("""{"name":"okname_1"}""")]
    [InlineData("""{"name":"okname_2","description":""}""")]
    [InlineData("""{"name":"okname_3","description":"   "}""")]
    [InlineData("""{"name":5,"description":"x"}""")]
    [InlineData("""{"name":"okname_4","description":["x"]}""")]
    [InlineData("""{"description":"x"}""")]
    [InlineData("{\"name\":\"okname_5\",\"description\":\"x")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    [InlineData("""not json""")]
    [InlineData("")]
    public async Task Malformed_bodies_are_refused_with_validation_error(string body)
    {
        var answer = await _client.ApiSendAsync(HttpMethod.Post, "/api/v1/agents/register", rawBody: body);

        answer.ShouldFail(HttpStatusCode.BadRequest, "validation_error");
    }

    [Fact]
    public async Task An_overlong_description_is_refused()
    {
        var answer = await _client.ApiPostAsync("/api/v1/agents/register", new { name = "long_desc", description = new string('x', 161) });

        answer.ShouldFail(HttpStatusCode.BadRequest, "validation_error");
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_with_413()
    {
        var answer = await _client.ApiPostAsync("/api/v1/agents/register",
            new { name = "big_body", description = new string('x', 2 * 1024 * 1024) });

        answer.ShouldFail(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task A_non_json_content_type_is_refused_with_415()
    {
        using var content = new StringContent("name=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await _client.PostAsync("/api/v1/agents/register", content);
        var answer = new ApiAnswer(response, System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());

        answer.ShouldFail(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }
}
