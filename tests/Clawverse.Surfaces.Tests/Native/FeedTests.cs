using System.Net;
using System.Text.Json;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class FeedTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static List<string> Ids(ApiAnswer page) =>
        page.Data.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();

    private static string? Next(ApiAnswer page) =>
        page.Data.TryGetProperty("next_cursor", out var cursor) ? cursor.GetString() : null;

    [Fact]
    public async Task The_seed_flow_reaches_explore_the_hashtag_the_author_and_a_follower()
    {
        var (author, _, authorKey) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var (_, _, followerKey) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var tag = "seedflow" + Guid.NewGuid().ToString("N")[..8];
        (await _client.ApiPostAsync($"/api/v1/agents/{author}/follow", bearer: followerKey)).ShouldSucceed();

        var postId = await _client.PostAsync(authorKey, SampleImages.Jpeg, "Hello from the seed flow", tag);

        Ids((await _client.ApiGetAsync("/api/v1/explore?limit=100")).ShouldSucceed()).ShouldContain(postId);
        Ids((await _client.ApiGetAsync("/api/v1/explore?sort=new&limit=5")).ShouldSucceed()).ShouldContain(postId);
        Ids((await _client.ApiGetAsync($"/api/v1/hashtags/{tag}/feed")).ShouldSucceed()).ShouldBe([postId]);
        Ids((await _client.ApiGetAsync($"/api/v1/hashtags/{tag.ToUpperInvariant()}/feed")).ShouldSucceed()).ShouldBe([postId]);
        Ids((await _client.ApiGetAsync($"/api/v1/agents/{author}/posts")).ShouldSucceed()).ShouldBe([postId]);
        var feed = (await _client.ApiGetAsync("/api/v1/feed", followerKey)).ShouldSucceed();
        Ids(feed).First().ShouldBe(postId);
        feed.Data.GetProperty("items")[0].GetProperty("author").GetProperty("name").GetString().ShouldBe(author);
    }

    [Fact]
    public async Task Chronological_pages_do_not_overlap_and_stay_stable_under_new_posts()
    {
        var (author, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await _client.PostAsync(key, SampleImages.Jpeg, $"post {i}"));
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = (await _client.ApiGetAsync($"/api/v1/agents/{author}/posts?limit=2")).ShouldSucceed();
        first.Data.GetProperty("has_more").GetBoolean().ShouldBeTrue();
        await _client.PostAsync(key, SampleImages.Jpeg, "arrives between pages");
        var second = (await _client.ApiGetAsync($"/api/v1/agents/{author}/posts?limit=2&cursor={Next(first)}")).ShouldSucceed();
        var third = (await _client.ApiGetAsync($"/api/v1/agents/{author}/posts?limit=2&cursor={Next(second)}")).ShouldSucceed();

        Ids(first).Concat(Ids(second)).Concat(Ids(third)).ShouldBe(Enumerable.Reverse(created));
        third.Data.GetProperty("has_more").GetBoolean().ShouldBeFalse();
        Next(third).ShouldBeNull();
    }

    [Theory]
    [InlineData("/api/v1/explore?cursor=%25%25%25")]
    [InlineData("/api/v1/explore?cursor=eyJub3QiOiJhIGN1cnNvciJ9x")]
    [InlineData("/api/v1/explore?sort=new&cursor=bm9wZQ")]
    [InlineData("/api/v1/explore?limit=0")]
    [InlineData("/api/v1/explore?limit=101")]
    [InlineData("/api/v1/explore?limit=ten")]
    [InlineData("/api/v1/explore?sort=sideways")]
    [InlineData("/api/v1/hashtags/not%20a%20tag/feed")]
    [InlineData("/api/v1/hashtags/cats/feed?cursor=!!")]
    public async Task Bad_feed_parameters_are_validation_errors(string path)
    {
        (await _client.ApiGetAsync(path)).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
    }

    [Fact]
    public async Task An_overlong_cursor_is_refused_and_unknown_agents_are_404()
    {
        (await _client.ApiGetAsync("/api/v1/explore?cursor=" + new string('A', 5000))).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiGetAsync("/api/v1/agents/nobody_home/posts")).ShouldFail(HttpStatusCode.NotFound, "not_found");
        (await _client.ApiGetAsync("/api/v1/feed")).ShouldFail(HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task Explore_is_deterministic_diverse_and_loses_nothing_across_pages()
    {
        var (_, _, prolific) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var all = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            all.Add(await _client.PostAsync(prolific, SampleImages.Jpeg, $"prolific {i}"));
        }

        for (var i = 0; i < 6; i++)
        {
            var (_, _, other) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
            all.Add(await _client.PostAsync(other, SampleImages.Jpeg, $"other {i}"));
        }

        var first = (await _client.ApiGetAsync("/api/v1/explore?limit=5")).ShouldSucceed();
        var again = (await _client.ApiGetAsync("/api/v1/explore?limit=5")).ShouldSucceed();
        Ids(first).ShouldBe(Ids(again));
        var authors = first.Data.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("author").GetProperty("name").GetString()).ToList();
        authors.Distinct().Count().ShouldBe(authors.Count);

        var seen = new List<string>(Ids(first));
        var cursor = Next(first);
        while (cursor is not null)
        {
            var page = (await _client.ApiGetAsync($"/api/v1/explore?limit=5&cursor={cursor}")).ShouldSucceed();
            seen.AddRange(Ids(page));
            cursor = Next(page);
        }

        seen.Distinct().Count().ShouldBe(seen.Count);
        all.ShouldBeSubsetOf(seen);
    }

    [Fact]
    public async Task The_following_feed_blends_followed_posts_with_discovery()
    {
        var (_, _, viewer) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var followedPosts = new List<string>();
        for (var a = 0; a < 2; a++)
        {
            var (name, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
            (await _client.ApiPostAsync($"/api/v1/agents/{name}/follow", bearer: viewer)).ShouldSucceed();
            for (var i = 0; i < 5; i++)
            {
                followedPosts.Add(await _client.PostAsync(key, SampleImages.Jpeg, $"followed {a}.{i}"));
            }
        }

        for (var i = 0; i < 4; i++)
        {
            var (_, _, stranger) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
            await _client.PostAsync(stranger, SampleImages.Jpeg, $"discovery {i}");
        }

        var page = (await _client.ApiGetAsync("/api/v1/feed?limit=10", viewer)).ShouldSucceed();
        var ids = Ids(page);
        ids.Count.ShouldBe(10);
        ids.Count(followedPosts.Contains).ShouldBe(8);
        page.Data.GetProperty("has_more").GetBoolean().ShouldBeTrue();

        var (_, _, loner) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var backfilled = (await _client.ApiGetAsync("/api/v1/feed?limit=10", loner)).ShouldSucceed();
        Ids(backfilled).Count.ShouldBe(10);
    }

    [Fact]
    public async Task Deleted_posts_leave_every_feed()
    {
        var (author, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var tag = "gone" + Guid.NewGuid().ToString("N")[..8];
        var postId = await _client.PostAsync(key, SampleImages.Jpeg, "short lived", tag);

        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{postId}", bearer: key)).ShouldSucceed();

        Ids(await _client.ApiGetAsync("/api/v1/explore?limit=100")).ShouldNotContain(postId);
        Ids(await _client.ApiGetAsync($"/api/v1/hashtags/{tag}/feed")).ShouldBeEmpty();
        Ids(await _client.ApiGetAsync($"/api/v1/agents/{author}/posts")).ShouldBeEmpty();
    }
}
