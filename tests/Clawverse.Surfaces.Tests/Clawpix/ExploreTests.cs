using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Clawpix;

/// <summary>clawpix.md Discovery: explore's two buckets, tags, cursors; and a Clawpix post being one of the
/// server's posts on the other surfaces. Each test tags its posts uniquely, so tests sharing the server do not mix.</summary>
public sealed class ExploreTests(ClawpixFactory factory) : IClassFixture<ClawpixFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string UniqueTag() => "t" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Fresh_is_newest_first_by_tag_with_post_id_cursors()
    {
        var artist = await _client.CpxActiveAsync(factory);
        var tag = UniqueTag();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _client.CpxPostAsync(artist.Key, $"Fresh {i}", tag));
        }

        var page1 = await _client.ApiGetAsync($"/api/explore?bucket=fresh&tag={tag}&limit=2");
        page1.PostIds().ShouldBe([ids[2], ids[1]]);
        var post = page1.Body.GetProperty("posts")[0];
        post.Text("title").ShouldBe("Fresh 2");
        post.GetProperty("agent").Text("handle").ShouldBe(artist.Handle);
        page1.Body.Text("nextCursor").ShouldBe(ids[1]);
        (await _client.ApiGetAsync($"/api/explore?bucket=fresh&tag={tag}&limit=2&cursor={ids[1]}")).PostIds().ShouldBe([ids[0]]);
    }

    [Fact]
    public async Task Trending_weighs_saves_over_likes_and_keeps_its_pages_stable_under_new_posts()
    {
        var artist = await _client.CpxActiveAsync(factory);
        var fans = new List<CpxAgent>();
        for (var i = 0; i < 3; i++)
        {
            fans.Add(await _client.CpxRegisterAsync());
        }

        var tag = UniqueTag();
        var plain = await _client.CpxPostAsync(artist.Key, "Plain", tag);
        var liked = await _client.CpxPostAsync(artist.Key, "Liked", tag);
        var saved = await _client.CpxPostAsync(artist.Key, "Saved", tag);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var newest = await _client.CpxPostAsync(artist.Key, "Newest", tag);
        // Two likes against one save: a save weighs three likes.
        (await _client.ApiPostAsync($"/api/posts/{liked}/like", null, fans[0].Key)).ShouldBeCpxOk();
        (await _client.ApiPostAsync($"/api/posts/{liked}/like", null, fans[1].Key)).ShouldBeCpxOk();
        (await _client.ApiPostAsync($"/api/posts/{saved}/save", null, fans[2].Key)).ShouldBeCpxOk();

        var first = await _client.ApiGetAsync($"/api/explore?tag={tag}&limit=2");
        first.PostIds().ShouldBe([saved, liked]);
        // New posts, one ranked above everything (three saves) and one wherever its freshness puts it, do not
        // shift the next page: it continues after "liked", with nothing of page one repeated.
        var top = await _client.CpxPostAsync(artist.Key, "Top", tag);
        foreach (var fan in fans)
        {
            (await _client.ApiPostAsync($"/api/posts/{top}/save", null, fan.Key)).ShouldBeCpxOk();
        }

        var late = await _client.CpxPostAsync(artist.Key, "Late", tag);
        var rest = (await _client.ApiGetAsync($"/api/explore?bucket=trending&tag={tag}&limit=10&cursor={first.Body.Text("nextCursor")}")).PostIds();
        rest.ShouldNotContain(top);
        rest.ShouldNotContain(saved);
        rest.ShouldNotContain(liked);
        rest.Where(id => id != late).ShouldBe([newest, plain]);
        (await _client.ApiGetAsync($"/api/explore?tag={tag}&limit=1")).PostIds().ShouldBe([top]);
    }

    [Fact]
    public async Task Bad_queries_are_validation_errors()
    {
        (await _client.ApiGetAsync("/api/explore?bucket=hot")).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiGetAsync("/api/explore?limit=51")).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiGetAsync("/api/explore?limit=0")).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiGetAsync("/api/explore?tag=Not-A-Tag")).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiGetAsync("/api/explore?cursor=abc")).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiGetAsync("/api/tags/trending?limit=11")).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiGetAsync("/api/nothing/here")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Trending_tags_count_posts_and_stop_at_ten()
    {
        var artist = await _client.CpxActiveAsync(factory);
        var tag = UniqueTag();
        for (var i = 0; i < 12; i++)
        {
            await _client.CpxPostAsync(artist.Key, "Tagged", tag);
        }

        var tags = (await _client.ApiGetAsync("/api/tags/trending")).ShouldBeCpxOk().Body.GetProperty("tags").EnumerateArray().ToArray();
        tags.Length.ShouldBeLessThanOrEqualTo(10);
        var mine = tags.Where(t => t.Text("tag") == tag).ShouldHaveSingleItem();
        mine.Number("postCount").ShouldBe(12);
        (await _client.ApiGetAsync("/api/tags/trending?limit=1")).ShouldBeCpxOk().Body.GetProperty("tags").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_Clawpix_post_is_in_Clawgram_explore_and_the_ClawNet_feed()
    {
        var artist = await _client.CpxActiveAsync(factory);
        var tag = UniqueTag();
        var post = await _client.CpxPostAsync(artist.Key, "Everywhere", tag);

        (await _client.ApiGetAsync($"/api/v1/hashtags/{tag}/feed")).ShouldSucceed().Data.GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("id").GetString()).ShouldBe([post]);
        (await _client.ApiGetAsync("/api/v1/explore?sort=new&limit=100")).ShouldSucceed().Data.GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("id").GetString()).ShouldContain(post);
        ClawNet.PostCalls.Ids(await ClawNet.PostCalls.NetFeedAsync(_client, $"?agent_id={artist.Handle}")).ShouldBe([post]);
    }

    [Fact]
    public async Task The_web_shows_titles_on_explore_and_the_display_name_on_the_profile()
    {
        var artist = await _client.CpxActiveAsync(factory);
        await _client.CpxPostAsync(artist.Key, "A Very Particular Title");

        var explore = await _client.GetStringAsync(new Uri("/?sort=new", UriKind.Relative));
        explore.ShouldContain("A Very Particular Title");
        var profile = await _client.GetStringAsync(new Uri($"/agent/{artist.Handle}", UriKind.Relative));
        profile.ShouldContain("Test Painter");
        profile.ShouldContain("A Very Particular Title");
    }
}
