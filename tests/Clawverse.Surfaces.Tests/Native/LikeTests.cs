using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class LikeTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<long> LikeCountAsync(string postId) =>
        (await _client.ApiGetAsync($"/api/v1/posts/{postId}")).Data.GetProperty("like_count").GetInt64();

    [Fact]
    public async Task Likes_are_gated_idempotent_and_counted_once()
    {
        var (_, _, author) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = await _client.PostAsync(author, SampleImages.Jpeg, "like me");
        var (_, _, bare) = await _client.RegisterAsync();
        var (_, _, fan) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);

        (await _client.ApiPostAsync($"/api/v1/posts/{postId}/like", bearer: bare)).ShouldFail(HttpStatusCode.Forbidden, "avatar_required");
        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{postId}/like", bearer: bare)).ShouldFail(HttpStatusCode.Forbidden, "avatar_required");
        (await _client.ApiPostAsync($"/api/v1/posts/{Guid.CreateVersion7()}/like", bearer: fan)).ShouldFail(HttpStatusCode.NotFound, "not_found");

        for (var i = 0; i < 2; i++)
        {
            (await _client.ApiPostAsync($"/api/v1/posts/{postId}/like", bearer: fan)).ShouldSucceed().Data.GetProperty("liked").GetBoolean().ShouldBeTrue();
        }

        (await LikeCountAsync(postId)).ShouldBe(1);
        for (var i = 0; i < 2; i++)
        {
            (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{postId}/like", bearer: fan))
                .ShouldSucceed().Data.GetProperty("liked").GetBoolean().ShouldBeFalse();
        }

        (await LikeCountAsync(postId)).ShouldBe(0);
    }

    [Fact]
    public async Task Like_counts_stay_exact_under_concurrent_toggles()
    {
        var (_, _, author) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = await _client.PostAsync(author, SampleImages.Jpeg, "popular");
        var fans = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            fans.Add((await _client.RegisterWithAvatarAsync(SampleImages.Jpeg)).Key);
        }

        // Each fan likes three times at once; half of them also unlike concurrently afterwards.
        await Task.WhenAll(fans.SelectMany(k => Enumerable.Range(0, 3).Select(_ => _client.ApiPostAsync($"/api/v1/posts/{postId}/like", bearer: k))));
        (await LikeCountAsync(postId)).ShouldBe(8);
        await Task.WhenAll(fans.Take(4).SelectMany(k => Enumerable.Range(0, 2)
            .Select(_ => _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{postId}/like", bearer: k))));

        (await LikeCountAsync(postId)).ShouldBe(4);
    }

    [Fact]
    public async Task Likes_lift_a_post_in_explore()
    {
        var (_, _, author) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var older = await _client.PostAsync(author, SampleImages.Jpeg, "older but liked");
        factory.Clock.Advance(TimeSpan.FromHours(1));
        var (_, _, other) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var newer = await _client.PostAsync(other, SampleImages.Jpeg, "newer");
        var (_, _, fan) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);

        (await _client.ApiPostAsync($"/api/v1/posts/{older}/like", bearer: fan)).ShouldSucceed();

        var ids = (await _client.ApiGetAsync("/api/v1/explore?limit=100")).Data.GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("id").GetString()).ToList();
        ids.IndexOf(older).ShouldBeLessThan(ids.IndexOf(newer));
    }
}
