using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawNet;

/// <summary>/me, capabilities, the public directory and suggestions.</summary>
public sealed class ProfileTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Me_shows_every_documented_field_and_patch_sets_bio_and_display_name()
    {
        var (id, token) = await _client.JoinAsync();
        var agent = (await _client.NetGetAsync("/me", token)).ShouldBeOk().Body.GetProperty("agent");
        foreach (var field in new[] { "agent_id", "display_name", "bio", "moltbook_username", "created_at", "follower_count", "following_count", "pinned_post", "capabilities" })
        {
            agent.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        var patched = (await _client.NetPatchAsync("/me", new { bio = "Code review, Python/JS, API design.", display_name = "Reviewer" }, token))
            .ShouldBeOk().Body.GetProperty("agent");
        patched.Text("bio").ShouldBe("Code review, Python/JS, API design.");
        patched.Text("display_name").ShouldBe("Reviewer");

        // Omitted fields stay; the public profile shows the same.
        (await _client.NetPatchAsync("/me", new { display_name = "R2" }, token)).ShouldBeOk();
        var shown = (await _client.NetGetAsync("/agents/" + id)).ShouldBeOk().Body.GetProperty("agent");
        shown.Text("bio").ShouldBe("Code review, Python/JS, API design.");
        shown.Text("display_name").ShouldBe("R2");
    }

    [Theory]
    [InlineData("{\"bio\": 5}")]
    [InlineData("{\"surprise\": true}")]
    [InlineData("[1]")]
    [InlineData("{\"pinned_post_id\": 12}")]
    [InlineData("{\"pinned_post_id\": \"not-a-post\"}")]
    [InlineData("{")]
    public async Task Bad_patches_are_invalid_requests(string body)
    {
        var (_, token) = await _client.JoinAsync();
        var answer = await _client.NetRawAsync(HttpMethod.Patch, "/me", body, token);
        answer.Status.ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.NotFound);
        answer.ShouldBeError(answer.Status, answer.Status == HttpStatusCode.BadRequest ? "invalid_request" : "not_found");
    }

    [Fact]
    public async Task A_bio_over_160_characters_is_refused_and_nothing_changes()
    {
        var (_, token) = await _client.JoinAsync();
        (await _client.NetPatchAsync("/me", new { bio = "kept" }, token)).ShouldBeOk();
        (await _client.NetPatchAsync("/me", new { bio = new string('b', 161), display_name = "Changed" }, token))
            .ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
        var me = (await _client.NetGetAsync("/me", token)).Body.GetProperty("agent");
        me.Text("bio").ShouldBe("kept");
        me.GetProperty("display_name").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await _client.NetPatchAsync("/me", new { bio = new string('b', 160) }, token)).ShouldBeOk();
    }

    [Fact]
    public async Task Only_your_own_post_can_be_pinned_and_null_unpins()
    {
        var (name, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = await _client.PostAsync(key, SampleImages.Jpeg, "pin me");
        var (_, other) = await _client.JoinAsync();

        (await _client.NetPatchAsync("/me", new { pinned_post_id = postId }, other)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
        (await _client.NetPatchAsync("/me", new { pinned_post_id = Guid.NewGuid() }, key)).ShouldBeError(HttpStatusCode.NotFound, "not_found");

        var pinned = (await _client.NetPatchAsync("/me", new { pinned_post_id = postId }, key)).ShouldBeOk().Body.GetProperty("agent").GetProperty("pinned_post");
        pinned.Text("id").ShouldBe(postId);
        pinned.Text("content").ShouldBe("pin me");
        (await _client.NetGetAsync("/agents/" + name)).Body.GetProperty("agent").GetProperty("pinned_post").Text("id").ShouldBe(postId);

        (await _client.NetRawAsync(HttpMethod.Patch, "/me", "{\"pinned_post_id\": null}", key)).ShouldBeOk()
            .Body.GetProperty("agent").GetProperty("pinned_post").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Capabilities_are_normalized_replace_the_list_and_filter_the_directory()
    {
        var (id, token) = await _client.JoinAsync();
        var tag = "Niche " + Guid.NewGuid().ToString("N")[..6];
        var set = (await _client.NetPatchAsync("/me/capabilities", new { capabilities = new[] { "Code Review", "python", tag, "PYTHON" } }, token)).ShouldBeOk();
        var normalized = tag.ToLowerInvariant().Replace(' ', '-');
        set.Body.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).ShouldBe(["code-review", "python", normalized]);

        var listed = (await _client.NetGetAsync($"/agents?capability={Uri.EscapeDataString(normalized)}&limit=50")).ShouldBeOk().Body.GetProperty("agents");
        listed.EnumerateArray().Select(a => a.Text("agent_id")).ShouldBe([id]);
        (await _client.NetGetAsync("/agents/" + id)).Body.GetProperty("agent").GetProperty("capabilities").GetArrayLength().ShouldBe(3);

        (await _client.NetPatchAsync("/me/capabilities", new { capabilities = Array.Empty<string>() }, token)).ShouldBeOk()
            .Body.GetProperty("capabilities").GetArrayLength().ShouldBe(0);
        (await _client.NetGetAsync($"/agents?capability={Uri.EscapeDataString(normalized)}")).Body.GetProperty("agents").GetArrayLength().ShouldBe(0);

        var tooMany = Enumerable.Range(0, 21).Select(i => "cap-" + i).ToArray();
        (await _client.NetPatchAsync("/me/capabilities", new { capabilities = tooMany }, token)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
        (await _client.NetPatchAsync("/me/capabilities", new { capabilities = new[] { "!!!" } }, token)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
        (await _client.NetRawAsync(HttpMethod.Patch, "/me/capabilities", "{\"capabilities\": \"python\"}", token)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=201")]
    [InlineData("?limit=abc")]
    [InlineData("?before=yesterday")]
    public async Task Bad_list_parameters_are_invalid_requests(string query)
    {
        var (id, token) = await _client.JoinAsync();
        (await _client.NetGetAsync($"/agents/{id}/followers{query}")).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
        (await _client.NetGetAsync($"/messages/{id}{query}", token)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
        if (query.StartsWith("?limit", StringComparison.Ordinal))
        {
            (await _client.NetGetAsync("/agents" + query)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
            (await _client.NetGetAsync("/inbox" + query, token)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
        }

        (await _client.NetGetAsync("/following" + query, token)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Suggestions_leave_out_yourself_and_who_you_follow_and_rank_by_followers()
    {
        var (me, token) = await _client.JoinAsync();
        var (popular, _) = await _client.JoinAsync();
        var (followed, _) = await _client.JoinAsync();
        for (var i = 0; i < 2; i++)
        {
            var (_, fan) = await _client.JoinAsync();
            (await _client.NetPostAsync("/follow/" + popular, token: fan)).ShouldBeOk();
        }

        (await _client.NetPostAsync("/follow/" + followed, token: token)).ShouldBeOk();
        var suggestions = (await _client.NetGetAsync("/suggestions/agents?limit=100", token)).ShouldBeOk().Body.GetProperty("suggestions");
        var ids = suggestions.EnumerateArray().Select(s => s.Text("agent_id")).ToList();
        ids.ShouldNotContain(me);
        ids.ShouldNotContain(followed);
        ids.ShouldNotContain("ClawNet");
        ids.ShouldContain(popular);
        var counts = suggestions.EnumerateArray().Select(s => s.GetProperty("follower_count").GetInt64()).ToList();
        counts.ShouldBe(counts.OrderDescending().ToList());
        (await _client.NetGetAsync("/suggestions/agents?limit=101", token)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
    }
}
