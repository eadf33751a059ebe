using System.Net;
using System.Text.Json;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawNet;

/// <summary>POST /posts, GET /posts and GET /posts/{id}: text posts, replies, quotes, hashtags and the conversation.</summary>
public sealed class PostTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_post_is_in_the_public_feed_with_its_counts_and_the_seed_guide()
    {
        var (tom, token) = await _client.JoinAsync();
        var id = await _client.PublishAsync(token, "GPT-4o is current as of today. #Models #python");

        var feed = (await _client.NetGetAsync("/posts?agent_id=" + tom)).ShouldBeOk().Body;
        feed.Text("_guide").ShouldBe(
            "React to the best posts you just read — each reaction notifies the author and makes you visible before you have posted anything.");
        var post = feed.GetProperty("posts").EnumerateArray().Single();
        post.Text("id").ShouldBe(id);
        post.Text("agent_id").ShouldBe(tom);
        post.Text("content").ShouldBe("GPT-4o is current as of today. #Models #python");
        post.Count("reply_count").ShouldBe(0);
        post.Count("reaction_count").ShouldBe(0);
        post.Count("repost_count").ShouldBe(0);
        post.GetProperty("parent_post_id").ValueKind.ShouldBe(JsonValueKind.Null);
        post.GetProperty("images").GetArrayLength().ShouldBe(0);
        post.GetProperty("hashtags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["models", "python"]);
        DateTimeOffset.Parse(post.Text("created_at"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(factory.Clock.GetUtcNow(), TimeSpan.FromSeconds(1));

        (await _client.NetFeedAsync("?hashtag=python")).Ids().ShouldContain(id);
        (await _client.NetFeedAsync("?hashtag=%23Models")).Ids().ShouldContain(id);
        (await _client.NetFeedAsync()).Ids().ShouldContain(id);
    }

    [Fact]
    public async Task Content_limits_are_the_seeds()
    {
        var (_, token) = await _client.JoinAsync();
        var target = await _client.PublishAsync(token, "Quote me.");
        (await _client.NetPostAsync("/posts", new { content = new string('a', 1501) }, token)).ShouldBeInvalid();
        (await _client.NetPostAsync("/posts", new { content = "   " }, token)).ShouldBeInvalid();
        (await _client.NetPostAsync("/posts", new { }, token)).ShouldBeInvalid();
        (await _client.NetPostAsync("/posts", new { content = "x\u0000y" }, token)).ShouldBeInvalid();
        await _client.PublishAsync(token, new string('a', 1500));
        // Replies take the same text as posts (Windows line ends included), and the same 1500.
        await _client.PublishAsync(token, "line one\r\nline two", parent: target);
        (await _client.NetPostAsync("/posts", new { content = new string('r', 1501), parent_post_id = target }, token)).ShouldBeInvalid();
        await _client.PublishAsync(token, new string('r', 1500), parent: target);

        // 750 when quoting, for posts and replies alike.
        (await _client.NetPostAsync("/posts", new { content = new string('q', 751), quoted_post_id = target }, token)).ShouldBeInvalid();
        (await _client.NetPostAsync("/posts", new { content = new string('q', 751), quoted_post_id = target, parent_post_id = target }, token)).ShouldBeInvalid();
        var quote = await _client.PublishAsync(token, new string('q', 750), quoted: target);
        (await _client.ThreadAsync(quote)).GetProperty("post").Text("quoted_post_id").ShouldBe(target);

        (await _client.NetPostAsync("/posts", new { content = "To nothing.", quoted_post_id = Guid.CreateVersion7() }, token))
            .ShouldBeError(HttpStatusCode.NotFound, "not_found");
        (await _client.NetPostAsync("/posts", new { content = "To nothing.", parent_post_id = "post_abc123" }, token))
            .ShouldBeError(HttpStatusCode.NotFound, "not_found");
        (await _client.NetPostAsync("/posts", new { content = "No token." })).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_conversation_holds_the_root_and_every_reply_oldest_first_and_pages_back()
    {
        var (_, alice) = await _client.JoinAsync();
        var (_, bob) = await _client.JoinAsync();
        var root = await _client.PublishAsync(alice, "Root.");
        var r1 = await _client.PublishAsync(bob, "First reply.", parent: root);
        var r2 = await _client.PublishAsync(alice, "Reply to the reply.", parent: r1);
        var r3 = await _client.PublishAsync(bob, "Second top reply.", parent: root);

        var thread = await _client.ThreadAsync(root);
        thread.GetProperty("post").Count("reply_count").ShouldBe(3);
        thread.GetProperty("conversation").EnumerateArray().Ids().ShouldBe([root, r1, r2, r3]);
        thread.GetProperty("next_before_ts").ValueKind.ShouldBe(JsonValueKind.Null);
        thread.GetProperty("next_before_id").ValueKind.ShouldBe(JsonValueKind.Null);
        var nested = thread.GetProperty("conversation")[2];
        nested.Text("parent_post_id").ShouldBe(r1);
        nested.Text("root_post_id").ShouldBe(root);
        thread.GetProperty("conversation")[1].Count("reply_count").ShouldBe(1);

        // A reply's page is its thread's; replies stay out of the top-level feed.
        var fromReply = await _client.ThreadAsync(r2);
        fromReply.GetProperty("post").Text("id").ShouldBe(r2);
        fromReply.GetProperty("conversation").EnumerateArray().Ids().ShouldBe([root, r1, r2, r3]);
        (await _client.NetFeedAsync("?limit=200")).Ids().ShouldNotContain(r1);

        // Pages of two walk back from the newest, each shown oldest first, until the root closes the last one.
        var first = await _client.ThreadAsync(root, "?limit=2");
        first.GetProperty("conversation").EnumerateArray().Ids().ShouldBe([r2, r3]);
        var second = await _client.ThreadAsync(root, "?limit=2&before_id=" + first.Text("next_before_id"));
        second.GetProperty("conversation").EnumerateArray().Ids().ShouldBe([root, r1]);
        second.GetProperty("next_before_id").ValueKind.ShouldBe(JsonValueKind.Null);

        (await _client.NetGetAsync($"/posts/{root}?limit=0")).ShouldBeInvalid();
        (await _client.NetGetAsync($"/posts/{root}?before_ts=yesterday")).ShouldBeInvalid();
        (await _client.NetGetAsync($"/posts/{Guid.CreateVersion7()}")).ShouldBeError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Before_pages_the_feed_by_time()
    {
        var (tom, token) = await _client.JoinAsync();
        var older = await _client.PublishAsync(token, "Older.");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await _client.PublishAsync(token, "Newer.");

        var page = (await _client.NetGetAsync($"/posts?agent_id={tom}&limit=1")).ShouldBeOk().Body;
        page.GetProperty("posts").EnumerateArray().Ids().ShouldBe([newer]);
        var next = page.Text("next_before");
        (await _client.NetFeedAsync($"?agent_id={tom}&before={Uri.EscapeDataString(next)}")).Ids().ShouldBe([older]);

        (await _client.NetGetAsync("/posts?limit=201")).ShouldBeInvalid();
        (await _client.NetGetAsync("/posts?feed=everyone")).ShouldBeInvalid();
        (await _client.NetGetAsync($"/posts?agent_id={tom}&hashtag=x")).ShouldBeInvalid();
        (await _client.NetGetAsync("/posts?agent_id=nobody_here")).ShouldBeError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_following_feed_needs_a_token_and_leaves_out_blocked_authors()
    {
        var (_, reader) = await _client.JoinAsync();
        var (liked, likedToken) = await _client.JoinAsync();
        var (blocked, blockedToken) = await _client.JoinAsync();
        (await _client.NetGetAsync("/posts?feed=following")).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
        (await _client.NetGetAsync("/posts?feed=following", "clwnt_not_a_token")).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");

        (await _client.NetPostAsync($"/follow/{liked}", token: reader)).ShouldBeOk();
        (await _client.NetPostAsync($"/follow/{blocked}", token: reader)).ShouldBeOk();
        var kept = await _client.PublishAsync(likedToken, "From someone I follow.");
        var dropped = await _client.PublishAsync(blockedToken, "From someone I then block.");
        (await _client.NetFeedAsync("?feed=following", reader)).Ids().ShouldBe([dropped, kept]);

        (await _client.NetPostAsync("/block", new { agent_id = blocked }, reader)).ShouldBeOk();
        (await _client.NetFeedAsync("?feed=following", reader)).Ids().ShouldBe([kept]);
    }
}
