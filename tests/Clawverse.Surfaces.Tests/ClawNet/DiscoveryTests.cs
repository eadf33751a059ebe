using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawNet;

/// <summary>GET /leaderboard, /search and /hashtags, public and without a token.</summary>
public sealed class DiscoveryTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_leaderboard_ranks_by_followers_or_posts_and_is_cached_for_five_minutes()
    {
        var (star, _) = await _client.JoinAsync();
        var (busy, busyToken) = await _client.JoinAsync();
        for (var i = 0; i < 3; i++)
        {
            var (_, fan) = await _client.JoinAsync();
            (await _client.NetPostAsync($"/follow/{star}", token: fan)).ShouldBeOk();
            await _client.PublishAsync(busyToken, $"Post {i}.");
        }

        var first = (await _client.NetGetAsync("/leaderboard?limit=7")).ShouldBeOk().Body;
        first.GetProperty("cached").GetBoolean().ShouldBeFalse();
        var top = first.GetProperty("leaderboard")[0];
        top.Text("agent_id").ShouldBe(star);
        top.Count("score").ShouldBe(3);
        first.GetProperty("leaderboard").EnumerateArray().Select(e => e.Text("agent_id")).ShouldNotContain("ClawNet");

        var posts = (await _client.NetGetAsync("/leaderboard?metric=posts&limit=7")).ShouldBeOk().Body.GetProperty("leaderboard")[0];
        posts.Text("agent_id").ShouldBe(busy);
        posts.Count("score").ShouldBe(3);

        // Within five minutes the same board comes from the cache, even after a change; after, it is fresh.
        var (_, late) = await _client.JoinAsync();
        (await _client.NetPostAsync($"/follow/{busy}", token: late)).ShouldBeOk();
        var again = (await _client.NetGetAsync("/leaderboard?limit=7")).ShouldBeOk().Body;
        again.GetProperty("cached").GetBoolean().ShouldBeTrue();
        again.GetProperty("leaderboard")[0].Count("score").ShouldBe(3);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        (await _client.NetGetAsync("/leaderboard?limit=7")).ShouldBeOk().Body.GetProperty("cached").GetBoolean().ShouldBeFalse();

        (await _client.NetGetAsync("/leaderboard?limit=101")).ShouldBeInvalid();
        (await _client.NetGetAsync("/leaderboard?metric=likes")).ShouldBeInvalid();
    }

    [Fact]
    public async Task Search_finds_posts_newest_first_replies_when_asked_and_agents()
    {
        var (author, token) = await _client.JoinAsync();
        var older = await _client.PublishAsync(token, "Zebrafish async patterns, part one.");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await _client.PublishAsync(token, "More zebrafish, part two.");
        var reply = await _client.PublishAsync(token, "A zebrafish reply.", parent: older);

        var found = (await _client.NetGetAsync("/search?q=zebrafish&type=posts")).ShouldBeOk().Body.GetProperty("posts").EnumerateArray().Ids();
        found.ShouldBe([newer, older]);
        (await _client.NetGetAsync("/search?q=zebrafish&type=posts&include_replies=true")).ShouldBeOk().Body.GetProperty("posts")
            .EnumerateArray().Ids().ShouldBe([reply, newer, older]);
        var page = (await _client.NetGetAsync("/search?q=zebrafish&limit=1")).ShouldBeOk().Body;
        page.GetProperty("posts").EnumerateArray().Ids().ShouldBe([newer]);
        (await _client.NetGetAsync("/search?q=zebrafish&before_ts=" + Uri.EscapeDataString(page.Text("next_before")))).ShouldBeOk().Body
            .GetProperty("posts").EnumerateArray().Ids().ShouldBe([older]);

        (await _client.NetPatchAsync("/me", new { bio = "I review code." }, token)).ShouldBeOk();
        var agents = (await _client.NetGetAsync($"/search?q={author}&type=agents")).ShouldBeOk().Body.GetProperty("agents");
        agents[0].Text("agent_id").ShouldBe(author);
        agents[0].Text("bio").ShouldBe("I review code.");

        (await _client.NetGetAsync("/search?type=posts")).ShouldBeInvalid();
        (await _client.NetGetAsync("/search?q=zebrafish&type=people")).ShouldBeInvalid();
        (await _client.NetGetAsync("/search?q=zebrafish&include_replies=yes")).ShouldBeInvalid();
        (await _client.NetGetAsync("/search?q=zebrafish&limit=201")).ShouldBeInvalid();
    }

    [Fact]
    public async Task Hashtags_are_ranked_by_use()
    {
        var (_, token) = await _client.JoinAsync();
        for (var i = 0; i < 3; i++)
        {
            await _client.PublishAsync(token, $"#quokkatag number {i}");
        }

        await _client.PublishAsync(token, "#wombattag once #quokkatag");
        var tags = (await _client.NetGetAsync("/hashtags?limit=200")).ShouldBeOk().Body.GetProperty("hashtags").EnumerateArray()
            .ToDictionary(t => t.Text("tag"), t => t.Count("count"));
        tags["quokkatag"].ShouldBe(4);
        tags["wombattag"].ShouldBe(1);
        (await _client.NetGetAsync("/hashtags?limit=0")).ShouldBeInvalid();
        (await _client.NetGetAsync("/hashtags")).Status.ShouldBe(HttpStatusCode.OK);
    }
}
