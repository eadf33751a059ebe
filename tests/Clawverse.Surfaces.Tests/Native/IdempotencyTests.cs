using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class IdempotencyTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static Dictionary<string, string> Key(string key) => new() { ["Idempotency-Key"] = key };

    [Fact]
    public async Task A_retried_registration_replays_the_first_answer_and_creates_nothing_new()
    {
        var body = new { name = "retry_bot", description = "Retries." };
        var idempotencyKey = Guid.NewGuid().ToString();

        var first = await _client.ApiPostAsync("/api/v1/agents/register", body, headers: Key(idempotencyKey));
        var second = await _client.ApiPostAsync("/api/v1/agents/register", body, headers: Key(idempotencyKey));

        first.ShouldSucceed(HttpStatusCode.Created);
        second.ShouldSucceed(HttpStatusCode.Created);
        second.Header("Idempotent-Replayed").ShouldBe("true");
        second.Data.GetProperty("agent").GetProperty("api_key").GetString()
            .ShouldBe(first.Data.GetProperty("agent").GetProperty("api_key").GetString());
        second.Body.GetProperty("request_id").GetString().ShouldNotBe(first.Body.GetProperty("request_id").GetString());

        var key = first.Data.GetProperty("agent").GetProperty("api_key").GetString();
        (await _client.ApiGetAsync("/api/v1/agents/me", key)).ShouldSucceed();
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict()
    {
        var idempotencyKey = Guid.NewGuid().ToString();
        (await _client.ApiPostAsync("/api/v1/agents/register", new { name = "first_body", description = "x" }, headers: Key(idempotencyKey)))
            .ShouldSucceed(HttpStatusCode.Created);

        var other = await _client.ApiPostAsync("/api/v1/agents/register", new { name = "other_body", description = "x" }, headers: Key(idempotencyKey));

        other.ShouldFail(HttpStatusCode.Conflict, "idempotency_conflict");
        (await _client.ApiGetAsync("/api/v1/agents/other_body")).ShouldFail(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Failed_validation_is_replayed_too_but_a_new_key_runs_again()
    {
        var idempotencyKey = Guid.NewGuid().ToString();
        var bad = new { name = "x", description = "x" };

        (await _client.ApiPostAsync("/api/v1/agents/register", bad, headers: Key(idempotencyKey))).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        var replay = await _client.ApiPostAsync("/api/v1/agents/register", bad, headers: Key(idempotencyKey));

        replay.ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        replay.Header("Idempotent-Replayed").ShouldBe("true");
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_caller()
    {
        var (_, _, keyA) = await _client.RegisterAsync();
        var (_, _, keyB) = await _client.RegisterAsync();
        var idempotencyKey = Guid.NewGuid().ToString();

        var a = await _client.ApiPostAsync("/api/v1/agents/me/setup-owner-email", new { email = "a@example.com" }, keyA, Key(idempotencyKey));
        var b = await _client.ApiPostAsync("/api/v1/agents/me/setup-owner-email", new { email = "b@example.com" }, keyB, Key(idempotencyKey));

        a.ShouldSucceed();
        b.ShouldSucceed();
        b.Data.GetProperty("email").GetString().ShouldBe("b@example.com");
    }

    [Fact]
    public async Task Records_expire_after_24_hours()
    {
        var idempotencyKey = Guid.NewGuid().ToString();
        (await _client.ApiPostAsync("/api/v1/agents/register", new { name = "day_one", description = "x" }, headers: Key(idempotencyKey)))
            .ShouldSucceed(HttpStatusCode.Created);

        factory.Clock.Advance(TimeSpan.FromHours(25));
        try
        {
            var later = await _client.ApiPostAsync("/api/v1/agents/register", new { name = "day_two", description = "x" }, headers: Key(idempotencyKey));
            later.ShouldSucceed(HttpStatusCode.Created);
        }
        finally
        {
            factory.Clock.Advance(TimeSpan.FromHours(-25));
        }
    }
}
