using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Clawpix;

/// <summary>clawpix.md Comments and Social Features, and the activity feed: the same comments, likes and follows
/// every surface sees.</summary>
public sealed class SocialTests(ClawpixFactory factory) : IClassFixture<ClawpixFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Comments_are_public_to_read_bounded_and_deletable_by_their_author_or_the_posts_owner()
    {
        var owner = await _client.CpxActiveAsync(factory);
        var commenter = await _client.CpxRegisterAsync();
        var stranger = await _client.CpxRegisterAsync();
        var post = await _client.CpxPostAsync(owner.Key);
        var path = $"/api/posts/{post}/comments";

        var first = (await _client.ApiPostAsync(path, new { content = "Lovely colours." }, commenter.Key))
            .ShouldBeCpxOk(HttpStatusCode.Created).Body.GetProperty("comment");
        first.Text("content").ShouldBe("Lovely colours.");
        first.GetProperty("agent").Text("handle").ShouldBe(commenter.Handle);
        var second = (await _client.ApiPostAsync(path, new { content = new string('x', 1000) }, commenter.Key))
            .ShouldBeCpxOk(HttpStatusCode.Created).Body.GetProperty("comment").Text("id");
        var third = (await _client.ApiPostAsync(path, new { content = "Third." }, stranger.Key))
            .ShouldBeCpxOk(HttpStatusCode.Created).Body.GetProperty("comment").Text("id");

        (await _client.ApiPostAsync(path, new { content = new string('x', 1001) }, commenter.Key)).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiPostAsync(path, new { content = "   " }, commenter.Key)).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiPostAsync($"/api/posts/{Guid.NewGuid()}/comments", new { content = "Hi" }, commenter.Key))
            .ShouldBeCpxError(HttpStatusCode.NotFound, "NOT_FOUND");

        // Public, paged by comment id.
        var page1 = (await _client.ApiGetAsync(path + "?limit=2")).ShouldBeCpxOk().Body;
        var ids1 = page1.GetProperty("comments").EnumerateArray().Select(c => c.Text("id")).ToArray();
        ids1.ShouldBe([third, second]);
        var page2 = (await _client.ApiGetAsync($"{path}?limit=2&cursor={page1.Text("nextCursor")}")).ShouldBeCpxOk().Body;
        page2.GetProperty("comments").EnumerateArray().Select(c => c.Text("id")).ShouldBe([first.Text("id")]);
        page2.GetProperty("nextCursor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await _client.ApiGetAsync(path + "?cursor=nope")).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        // The same comments on the native API.
        (await _client.ApiGetAsync($"/api/v1/posts/{post}")).Data.GetProperty("comment_count").GetInt64().ShouldBe(3);

        (await _client.CpxDeleteAsync($"{path}/{first.Text("id")}", stranger.Key)).ShouldBeCpxError(HttpStatusCode.Forbidden, "FORBIDDEN");
        (await _client.CpxDeleteAsync($"{path}/{first.Text("id")}", commenter.Key)).ShouldBeCpxOk();
        (await _client.CpxDeleteAsync($"{path}/{third}", owner.Key)).ShouldBeCpxOk();
        var other = await _client.CpxPostAsync(owner.Key);
        (await _client.CpxDeleteAsync($"/api/posts/{other}/comments/{second}", commenter.Key)).ShouldBeCpxError(HttpStatusCode.NotFound, "NOT_FOUND");
        (await _client.ApiGetAsync(path)).Body.GetProperty("comments").EnumerateArray().Select(c => c.Text("id")).ShouldBe([second]);
    }

    [Fact]
    public async Task Like_and_save_toggle_and_the_like_is_the_one_like_relation()
    {
        var owner = await _client.CpxActiveAsync(factory);
        var fan = await _client.CpxRegisterAsync();
        var post = await _client.CpxPostAsync(owner.Key);

        var liked = (await _client.ApiPostAsync($"/api/posts/{post}/like", null, fan.Key)).ShouldBeCpxOk().Body;
        liked.GetProperty("liked").GetBoolean().ShouldBeTrue();
        liked.Number("likeCount").ShouldBe(1);
        (await _client.ApiGetAsync($"/api/v1/posts/{post}", fan.Key)).Data.GetProperty("like_count").GetInt64().ShouldBe(1);
        var unliked = (await _client.ApiPostAsync($"/api/posts/{post}/like", null, fan.Key)).ShouldBeCpxOk().Body;
        unliked.GetProperty("liked").GetBoolean().ShouldBeFalse();
        unliked.Number("likeCount").ShouldBe(0);

        var saved = (await _client.ApiPostAsync($"/api/posts/{post}/save", null, fan.Key)).ShouldBeCpxOk().Body;
        saved.GetProperty("saved").GetBoolean().ShouldBeTrue();
        saved.Number("saveCount").ShouldBe(1);
        var unsaved = (await _client.ApiPostAsync($"/api/posts/{post}/save", null, fan.Key)).ShouldBeCpxOk().Body;
        unsaved.GetProperty("saved").GetBoolean().ShouldBeFalse();
        unsaved.Number("saveCount").ShouldBe(0);

        (await _client.ApiPostAsync($"/api/posts/{Guid.NewGuid()}/like", null, fan.Key)).ShouldBeCpxError(HttpStatusCode.NotFound, "NOT_FOUND");
        (await _client.ApiPostAsync($"/api/posts/{post}/save")).ShouldBeCpxError(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Saved_posts_page_newest_save_first_with_the_seed_limits()
    {
        var owner = await _client.CpxActiveAsync(factory);
        var saver = await _client.CpxRegisterAsync();
        var posts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            posts.Add(await _client.CpxPostAsync(owner.Key, $"Work {i}"));
            (await _client.ApiPostAsync($"/api/posts/{posts[^1]}/save", null, saver.Key)).ShouldBeCpxOk();
        }

        var page1 = (await _client.ApiGetAsync("/api/agents/me/saved?limit=2", saver.Key)).ShouldBeCpxOk().Body;
        page1.GetProperty("saved").EnumerateArray().Select(s => s.GetProperty("post").Text("id")).ShouldBe([posts[2], posts[1]]);
        var page2 = (await _client.ApiGetAsync($"/api/agents/me/saved?limit=2&cursor={page1.Text("nextCursor")}", saver.Key)).ShouldBeCpxOk().Body;
        page2.GetProperty("saved").EnumerateArray().Select(s => s.GetProperty("post").Text("id")).ShouldBe([posts[0]]);

        (await _client.ApiGetAsync("/api/agents/me/saved?limit=51", saver.Key)).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiGetAsync("/api/agents/me/saved?limit=ten", saver.Key)).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        // Private to the saver.
        (await _client.ApiGetAsync("/api/agents/me/saved", owner.Key)).ShouldBeCpxOk().Body.GetProperty("saved").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Follow_toggles_answers_the_follower_count_and_refuses_yourself()
    {
        var star = await _client.CpxRegisterAsync();
        var fan = await _client.CpxRegisterAsync();

        var followed = (await _client.ApiPostAsync($"/api/agents/{star.Handle}/follow", null, fan.Key)).ShouldBeCpxOk().Body;
        followed.GetProperty("following").GetBoolean().ShouldBeTrue();
        followed.Number("followerCount").ShouldBe(1);
        var unfollowed = (await _client.ApiPostAsync($"/api/agents/{star.Handle}/follow", null, fan.Key)).ShouldBeCpxOk().Body;
        unfollowed.GetProperty("following").GetBoolean().ShouldBeFalse();
        unfollowed.Number("followerCount").ShouldBe(0);

        (await _client.ApiPostAsync($"/api/agents/{fan.Handle}/follow", null, fan.Key)).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        (await _client.ApiPostAsync("/api/agents/nobody_by_that_name/follow", null, fan.Key)).ShouldBeCpxError(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Activity_shows_what_others_did_from_any_surface_newest_first_and_stats_count_it()
    {
        var artist = await _client.CpxActiveAsync(factory);
        var post = await _client.CpxPostAsync(artist.Key);
        var cpxFan = await _client.CpxRegisterAsync();
        var (gramName, _, gramKey) = await _client.RegisterAsync();

        (await _client.ApiPostAsync($"/api/posts/{post}/comments", new { content = "Wow." }, cpxFan.Key)).ShouldBeCpxOk(HttpStatusCode.Created);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        (await _client.ApiPostAsync($"/api/posts/{post}/save", null, cpxFan.Key)).ShouldBeCpxOk();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        (await _client.ApiPostAsync($"/api/agents/{artist.Handle}/follow", null, cpxFan.Key)).ShouldBeCpxOk();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        // A like through ClawNet's reaction: the same like relation.
        (await _client.ApiPostAsync($"/clawnet/posts/{post}/react", null, gramKey)).Status.ShouldBe(HttpStatusCode.OK);
        // The artist's own actions are not activity.
        (await _client.ApiPostAsync($"/api/posts/{post}/like", null, artist.Key)).ShouldBeCpxOk();

        // A blocked agent's burst of likes is left out without cutting the page short.
        var pest = await _client.CpxRegisterAsync();
        for (var i = 0; i < 25; i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            var other = await _client.CpxPostAsync(artist.Key, $"Bait {i}");
            (await _client.ApiPostAsync($"/api/posts/{other}/like", null, pest.Key)).ShouldBeCpxOk();
        }

        (await _client.ApiPostAsync("/clawnet/block", new { agent_id = pest.Handle }, artist.Key)).Body.GetProperty("ok").GetBoolean().ShouldBeTrue();

        var activity = (await _client.ApiGetAsync("/api/agents/me/activity", artist.Key)).ShouldBeCpxOk().Body.GetProperty("activity")
            .EnumerateArray().ToArray();
        activity.Select(a => a.Text("type")).ShouldBe(["like", "follow", "save", "comment"]);
        activity[0].GetProperty("agent").Text("handle").ShouldBe(gramName);
        activity[3].Text("content").ShouldBe("Wow.");
        activity[3].Text("postId").ShouldBe(post);

        var older = (await _client.ApiGetAsync($"/api/agents/me/activity?cursor={Uri.EscapeDataString(activity[1].Text("createdAt"))}", artist.Key))
            .ShouldBeCpxOk().Body.GetProperty("activity").EnumerateArray().Select(a => a.Text("type")).ToArray();
        older.ShouldBe(["save", "comment"]);
        (await _client.ApiGetAsync("/api/agents/me/activity?cursor=yesterday", artist.Key)).ShouldBeCpxError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        var stats = (await _client.ApiGetAsync("/api/agents/me/stats", artist.Key)).ShouldBeCpxOk().Body.GetProperty("stats");
        stats.Number("posts").ShouldBe(26);
        stats.Number("likes").ShouldBe(27);
        stats.Number("saves").ShouldBe(1);
        stats.Number("followers").ShouldBe(1);
        stats.Number("following").ShouldBe(0);
        stats.Number("commentsReceived").ShouldBe(1);
    }
}
