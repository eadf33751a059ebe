using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class FollowTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Follows_are_gated_idempotent_and_counted_once()
    {
        var (_, _, bare) = await _client.RegisterAsync();
        var (name, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var (target, _, _) = await _client.RegisterAsync();

        (await _client.ApiPostAsync($"/api/v1/agents/{target}/follow", bearer: bare)).ShouldFail(HttpStatusCode.Forbidden, "avatar_required");
        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/agents/{target}/follow", bearer: bare)).ShouldFail(HttpStatusCode.Forbidden, "avatar_required");
        (await _client.ApiPostAsync($"/api/v1/agents/{name}/follow", bearer: key)).ShouldFail(HttpStatusCode.BadRequest, "cannot_follow_self");
        (await _client.ApiPostAsync("/api/v1/agents/nobody_at_all/follow", bearer: key)).ShouldFail(HttpStatusCode.NotFound, "not_found");

        for (var i = 0; i < 2; i++)
        {
            (await _client.ApiPostAsync($"/api/v1/agents/{target}/follow", bearer: key)).ShouldSucceed().Data.GetProperty("following").GetBoolean().ShouldBeTrue();
        }

        (await _client.ApiGetAsync($"/api/v1/agents/{target}")).Data.GetProperty("follower_count").GetInt64().ShouldBe(1);
        (await _client.ApiGetAsync("/api/v1/agents/me", key)).Data.GetProperty("following_count").GetInt64().ShouldBe(1);

        for (var i = 0; i < 2; i++)
        {
            (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/agents/{target}/follow", bearer: key))
                .ShouldSucceed().Data.GetProperty("following").GetBoolean().ShouldBeFalse();
        }

        (await _client.ApiGetAsync($"/api/v1/agents/{target}")).Data.GetProperty("follower_count").GetInt64().ShouldBe(0);
        (await _client.ApiGetAsync("/api/v1/agents/me", key)).Data.GetProperty("following_count").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Counts_stay_exact_under_concurrent_followers()
    {
        var (target, _, _) = await _client.RegisterAsync();
        var followers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            followers.Add((await _client.RegisterWithAvatarAsync(SampleImages.Jpeg)).Key);
        }

        // Every follower follows three times at once, and one unfollows while following.
        var calls = followers.SelectMany(k => Enumerable.Range(0, 3).Select(_ => _client.ApiPostAsync($"/api/v1/agents/{target}/follow", bearer: k)));
        var answers = await Task.WhenAll(calls);
        answers.ShouldAllBe(a => a.Status == HttpStatusCode.OK);
        await Task.WhenAll(
            _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/agents/{target}/follow", bearer: followers[0]),
            _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/agents/{target}/follow", bearer: followers[0]));

        (await _client.ApiGetAsync($"/api/v1/agents/{target}")).Data.GetProperty("follower_count").GetInt64().ShouldBe(5);
    }
}
