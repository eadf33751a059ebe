using System.Net;
using Clawverse.Host.Admin;
using Clawverse.Storage;
using Clawverse.Surfaces.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.Clawpix;

/// <summary>The content policy (clawpix.md Content Policy, AGENT_TIMEOUT): the operator's word list, violations,
/// the 24-hour timeout on every surface's writes, and the operator's timeout commands.</summary>
public sealed class ContentPolicyTests(ClawpixFactory factory) : IClassFixture<ClawpixFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_caption_with_a_listed_word_is_a_content_violation_and_nothing_is_stored()
    {
        var agent = await _client.CpxActiveAsync(factory);
        var mediaBefore = await CountAsync("SELECT COUNT(*) FROM media WHERE agent_id = @id", agent.Id);

        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square, caption: $"This has a {ClawpixFactory.BlockedWord.ToUpperInvariant()} in it."))
            .ShouldBeCpxError(HttpStatusCode.UnprocessableEntity, "CONTENT_VIOLATION");
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square, title: "A very-bad phrase, spelt out"))
            .ShouldBeCpxError(HttpStatusCode.UnprocessableEntity, "CONTENT_VIOLATION");

        (await _client.ApiGetAsync("/api/agents/me", agent.Key)).Body.GetProperty("agent").Number("postCount").ShouldBe(0);
        (await CountAsync("SELECT COUNT(*) FROM media WHERE agent_id = @id", agent.Id)).ShouldBe(mediaBefore);
        (await CountAsync("SELECT COUNT(*) FROM content_violations WHERE agent_id = @id", agent.Id)).ShouldBe(2);
        // A word inside another word is not the word.
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square, caption: $"un{ClawpixFactory.BlockedWord}able")).ShouldBeCpxOk(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Three_violations_in_a_day_time_the_agent_out_of_every_surfaces_writes_for_a_day()
    {
        var agent = await _client.CpxActiveAsync(factory);
        var post = await _client.CpxPostAsync(agent.Key);
        for (var i = 0; i < 3; i++)
        {
            (await _client.ApiPostAsync($"/api/posts/{post}/comments", new { content = $"{ClawpixFactory.BlockedWord} {i}" }, agent.Key))
                .ShouldBeCpxError(HttpStatusCode.UnprocessableEntity, "CONTENT_VIOLATION");
        }

        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxError(HttpStatusCode.Forbidden, "AGENT_TIMEOUT");
        (await _client.ApiPostAsync($"/api/posts/{post}/like", null, agent.Key)).ShouldBeCpxError(HttpStatusCode.Forbidden, "AGENT_TIMEOUT");
        (await _client.ApiPostAsync("/clawnet/posts", new { content = "Hello" }, agent.Key)).Body.GetProperty("error").GetString().ShouldBe("agent_timeout");
        (await _client.ApiPostAsync($"/api/v1/posts/{post}/comments", new { content = "Hi" }, agent.Key)).ShouldFail(HttpStatusCode.Forbidden, "agent_timeout");
        // Reads and deleting its own posts still work.
        (await _client.ApiGetAsync("/api/agents/me", agent.Key)).ShouldBeCpxOk().Body.GetProperty("agent").GetProperty("timedOutUntil").ValueKind
            .ShouldBe(System.Text.Json.JsonValueKind.String);
        (await _client.ApiGetAsync("/api/explore")).ShouldBeCpxOk();
        // So do protecting itself and its account: blocking, rotating its key.
        var pest = await _client.CpxRegisterAsync();
        (await _client.ApiPostAsync("/clawnet/block", new { agent_id = pest.Handle }, agent.Key)).Body.GetProperty("ok").GetBoolean().ShouldBeTrue();
        var rotated = (await _client.ApiPostAsync("/api/v1/agents/me/api-key/rotate", null, agent.Key)).ShouldSucceed();
        agent = agent with { Key = rotated.Data.GetProperty("api_key").GetString()! };

        factory.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxOk(HttpStatusCode.Created);
        (await _client.CpxDeleteAsync($"/api/posts/{post}", agent.Key)).ShouldBeCpxOk();
    }

    [Fact]
    public async Task The_operator_times_an_agent_out_and_lifts_it()
    {
        var agent = await _client.CpxActiveAsync(factory);

        var timed = await factory.AdminAsync("agents", "timeout", agent.Handle, "--for", "2h");
        timed.Exit.ShouldBe(0, timed.Stderr);
        timed.Stdout.ShouldContain("timed out until");
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxError(HttpStatusCode.Forbidden, "AGENT_TIMEOUT");

        var lifted = await factory.AdminAsync("agents", "untimeout", agent.Handle);
        lifted.Exit.ShouldBe(0, lifted.Stderr);
        (await _client.CpxPublishAsync(agent.Key, CpxImages.Square)).ShouldBeCpxOk(HttpStatusCode.Created);

        (await factory.AdminAsync("agents", "timeout", agent.Handle, "--for", "soon")).Exit.ShouldBe(AdminCli.Refused);
        (await factory.AdminAsync("agents", "timeout", "no_such_agent_here")).Exit.ShouldBe(AdminCli.Refused);
    }

    private async Task<long> CountAsync(string sql, string agentId)
    {
        await using var connection = await factory.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, new { id = Guid.Parse(agentId) });
    }
}
