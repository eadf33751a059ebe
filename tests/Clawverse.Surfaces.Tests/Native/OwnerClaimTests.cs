using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class OwnerClaimTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string NewEmail() => $"owner-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task The_seed_flow_claims_the_agent_from_the_outbox_link()
    {
        var (name, id, key) = await _client.RegisterAsync();
        var email = NewEmail();

        var setup = await _client.ApiPostAsync("/api/v1/agents/me/setup-owner-email", new { email }, key);
        setup.ShouldSucceed();
        setup.Data.GetProperty("email").GetString().ShouldBe(email);
        setup.Data.GetProperty("owner_linked").GetBoolean().ShouldBeTrue();
        setup.Data.GetProperty("delivery").GetString().ShouldBe("queued");
        (await _client.ApiGetAsync("/api/v1/agents/status", key)).Data.GetProperty("status").GetString().ShouldBe("pending_claim");

        var token = Api.TokenFromOutbox(factory.OutboxDirectory, email);
        token.ShouldStartWith("claw_owner_email_");
        var complete = await _client.ApiPostAsync("/api/v1/owner/email/complete", new { token });
        complete.ShouldSucceed();
        complete.Data.GetProperty("token_type").GetString().ShouldBe("Bearer");
        complete.Data.GetProperty("owner").GetProperty("email").GetString().ShouldBe(email);
        var ownerToken = complete.Data.GetProperty("owner_auth_token").GetString()!;

        (await _client.ApiGetAsync("/api/v1/agents/status", key)).Data.GetProperty("status").GetString().ShouldBe("claimed");
        (await _client.ApiGetAsync("/api/v1/owner/me", ownerToken)).Data.GetProperty("email").GetString().ShouldBe(email);
        var agents = (await _client.ApiGetAsync("/api/v1/owner/agents", ownerToken)).Data.GetProperty("items");
        agents.GetArrayLength().ShouldBe(1);
        agents[0].GetProperty("id").GetString().ShouldBe(id);
        agents[0].GetProperty("name").GetString().ShouldBe(name);
        agents[0].GetProperty("claim_status").GetString().ShouldBe("claimed");

        (await _client.ApiPostAsync("/api/v1/owner/email/complete", new { token }))
            .ShouldFail(HttpStatusCode.Conflict, "owner_token_consumed");
    }

    [Fact]
    public async Task Setup_owner_email_is_idempotent_for_the_same_owner_and_refuses_another()
    {
        var (_, _, key) = await _client.RegisterAsync();
        var email = NewEmail();

        (await _client.ApiPostAsync("/api/v1/agents/me/setup-owner-email", new { email }, key)).ShouldSucceed();
        (await _client.ApiPostAsync("/api/v1/agents/me/setup-owner-email", new { email = email.ToUpperInvariant() }, key)).ShouldSucceed();
        (await _client.ApiPostAsync("/api/v1/agents/me/setup-owner-email", new { email = NewEmail() }, key))
            .ShouldFail(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("Name <a@example.com>")]
    [InlineData("a b@example.com")]
    public async Task Bad_emails_are_refused(string email)
    {
        var (_, _, key) = await _client.RegisterAsync();

        (await _client.ApiPostAsync("/api/v1/agents/me/setup-owner-email", new { email }, key)).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiPostAsync("/api/v1/owner/email/start", new { email })).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
    }

    [Fact]
    public async Task Expired_and_unknown_tokens_are_refused_with_their_codes()
    {
        var email = NewEmail();
        (await _client.ApiPostAsync("/api/v1/owner/email/start", new { email })).ShouldSucceed();
        var token = Api.TokenFromOutbox(factory.OutboxDirectory, email);

        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        try
        {
            (await _client.ApiPostAsync("/api/v1/owner/email/complete", new { token })).ShouldFail(HttpStatusCode.BadRequest, "owner_token_expired");
        }
        finally
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(-31));
        }

        (await _client.ApiPostAsync("/api/v1/owner/email/complete", new { token = "claw_owner_email_nope" }))
            .ShouldFail(HttpStatusCode.BadRequest, "invalid_owner_token");
        (await _client.ApiPostAsync("/api/v1/owner/email/complete", new { token = "" }))
            .ShouldFail(HttpStatusCode.BadRequest, "validation_error");
    }

    [Fact]
    public async Task A_plain_sign_in_claims_nothing_that_did_not_name_the_owner()
    {
        var (_, _, key) = await _client.RegisterAsync();
        var email = NewEmail();
        (await _client.ApiPostAsync("/api/v1/owner/email/start", new { email })).ShouldSucceed();

        var login = await _client.ApiPostAsync("/api/v1/owner/email/complete", new { token = Api.TokenFromOutbox(factory.OutboxDirectory, email) });

        login.ShouldSucceed();
        (await _client.ApiGetAsync("/api/v1/owner/agents", login.Data.GetProperty("owner_auth_token").GetString()))
            .Data.GetProperty("items").GetArrayLength().ShouldBe(0);
        (await _client.ApiGetAsync("/api/v1/agents/status", key)).Data.GetProperty("status").GetString().ShouldBe("pending_claim");
    }

    [Fact]
    public async Task Concurrent_completions_of_one_token_succeed_exactly_once()
    {
        var email = NewEmail();
        (await _client.ApiPostAsync("/api/v1/owner/email/start", new { email })).ShouldSucceed();
        var token = Api.TokenFromOutbox(factory.OutboxDirectory, email);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _client.ApiPostAsync("/api/v1/owner/email/complete", new { token })));

        answers.Count(a => a.Status == HttpStatusCode.OK).ShouldBe(1);
        answers.Where(a => a.Status != HttpStatusCode.OK).ShouldAllBe(a => a.Code == "owner_token_consumed");
    }

    [Fact]
    public async Task Owners_rotate_keys_of_their_own_agents_only()
    {
        var (_, id, key) = await _client.RegisterAsync();
        var ownerToken = await _client.ClaimAsync(factory, key, NewEmail());
        var (_, strangerId, strangerKey) = await _client.RegisterAsync();
        await _client.ClaimAsync(factory, strangerKey, NewEmail());

        var rotated = await _client.ApiPostAsync($"/api/v1/owner/agents/{id}/api-key/rotate", bearer: ownerToken);
        rotated.ShouldSucceed();
        var newKey = rotated.Data.GetProperty("api_key").GetString()!;
        (await _client.ApiGetAsync("/api/v1/agents/me", key)).ShouldFail(HttpStatusCode.Unauthorized, "invalid_api_key");
        (await _client.ApiGetAsync("/api/v1/agents/me", newKey)).ShouldSucceed();

        (await _client.ApiPostAsync($"/api/v1/owner/agents/{strangerId}/api-key/rotate", bearer: ownerToken))
            .ShouldFail(HttpStatusCode.Forbidden, "forbidden");
        (await _client.ApiGetAsync("/api/v1/agents/me", strangerKey)).ShouldSucceed();
        (await _client.ApiPostAsync($"/api/v1/owner/agents/{Guid.CreateVersion7()}/api-key/rotate", bearer: ownerToken))
            .ShouldFail(HttpStatusCode.NotFound, "not_found");
        (await _client.ApiPostAsync("/api/v1/owner/agents/not-a-uuid/api-key/rotate", bearer: ownerToken))
            .ShouldFail(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Owner_routes_need_an_owner_session_not_an_agent_key()
    {
        var (_, _, key) = await _client.RegisterAsync();

        (await _client.ApiGetAsync("/api/v1/owner/me")).ShouldFail(HttpStatusCode.Unauthorized, "invalid_owner_auth");
        (await _client.ApiGetAsync("/api/v1/owner/me", key)).ShouldFail(HttpStatusCode.Unauthorized, "invalid_owner_auth");
        (await _client.ApiGetAsync("/api/v1/owner/agents", "claw_owner_sess_bogus_bogus")).ShouldFail(HttpStatusCode.Unauthorized, "invalid_owner_auth");
    }

    [Fact]
    public async Task Owner_sessions_expire()
    {
        var (_, _, key) = await _client.RegisterAsync();
        var ownerToken = await _client.ClaimAsync(factory, key, NewEmail());

        factory.Clock.Advance(TimeSpan.FromDays(31));
        try
        {
            (await _client.ApiGetAsync("/api/v1/owner/me", ownerToken)).ShouldFail(HttpStatusCode.Unauthorized, "invalid_owner_auth");
        }
        finally
        {
            factory.Clock.Advance(TimeSpan.FromDays(-31));
        }
    }
}
