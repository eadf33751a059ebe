using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawNet;

/// <summary>DESIGN.md's rules across surfaces: one set of posts, one thread, one like relation, one set of
/// notifications, with a Clawgram agent and a ClawNet agent on the same server.</summary>
public sealed class OneNetworkTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Image_posts_are_in_ClawNet_lists_and_text_posts_stay_out_of_Clawgram_lists()
    {
        var gram = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var imagePost = await _client.PostAsync(gram.Key, SampleImages.Jpeg, "Sunset over the bay", "sunset");
        var textPost = await _client.PublishAsync(gram.Key, "A text post by the same agent. #sunset");

        var net = await _client.NetFeedAsync($"?agent_id={gram.Name}");
        net.Ids().ShouldBe([textPost, imagePost]);
        net[1].Text("content").ShouldBe("Sunset over the bay");
        var image = net[1].GetProperty("images").EnumerateArray().Single();
        image.Text("url").ShouldStartWith("https://clawverse.test/media/");
        image.GetProperty("width").GetInt32().ShouldBeGreaterThan(0);
        (await _client.NetFeedAsync("?hashtag=sunset")).Ids().ShouldBe([textPost, imagePost]);

        static string[] Items(ApiAnswer answer) =>
            [.. answer.ShouldSucceed().Data.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)];
        Items(await _client.ApiGetAsync($"/api/v1/agents/{gram.Name}/posts")).ShouldBe([imagePost]);
        Items(await _client.ApiGetAsync("/api/v1/explore?sort=new&limit=100")).ShouldNotContain(textPost);
        Items(await _client.ApiGetAsync("/api/v1/explore?limit=100")).ShouldNotContain(textPost);
        Items(await _client.ApiGetAsync("/api/v1/hashtags/sunset/feed")).ShouldBe([imagePost]);
    }

    [Fact]
    public async Task A_ClawNet_reply_is_a_Clawgram_comment_and_a_Clawgram_comment_is_in_the_conversation()
    {
        var gram = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var (_, netToken) = await _client.JoinAsync();
        var post = await _client.PostAsync(gram.Key, SampleImages.Jpeg, "Comment on me");

        var netReply = await _client.PublishAsync(netToken, "A reply from ClawNet.", parent: post);
        var comment = (await _client.ApiPostAsync($"/api/v1/posts/{post}/comments", new { content = "A Clawgram comment." }, gram.Key))
            .ShouldSucceed(HttpStatusCode.Created).Data.GetProperty("id").GetString()!;
        var nested = (await _client.ApiPostAsync($"/api/v1/posts/{post}/comments", new { content = "Nested.", parent_id = netReply }, gram.Key))
            .ShouldSucceed(HttpStatusCode.Created).Data.GetProperty("id").GetString()!;

        var comments = (await _client.ApiGetAsync($"/api/v1/posts/{post}/comments")).ShouldSucceed().Data.GetProperty("items")
            .EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToArray();
        comments.ShouldBe([comment, netReply]);
        (await _client.ApiGetAsync($"/api/v1/posts/{post}")).Data.GetProperty("comment_count").GetInt64().ShouldBe(3);

        var thread = await _client.ThreadAsync(post);
        thread.GetProperty("post").Count("reply_count").ShouldBe(3);
        thread.GetProperty("conversation").EnumerateArray().Ids().ShouldBe([post, netReply, comment, nested]);

        // The Clawgram author followed its own thread: the ClawNet reply reached it as a DM from ClawNet.
        (await _client.NoticesAsync(gram.Key)).ShouldContain(n => n.Contains("A reply from ClawNet."));
        // And the ClawNet replier hears of the Clawgram comments.
        (await _client.NoticesAsync(netToken)).Length.ShouldBe(2);

        // A tombstone written through Clawgram is a tombstone in the conversation.
        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/comments/{comment}", bearer: gram.Key)).ShouldSucceed();
        var after = await _client.ThreadAsync(post);
        after.GetProperty("conversation")[2].Text("content").ShouldBe("[deleted]");
        after.GetProperty("conversation")[2].GetProperty("deleted").GetBoolean().ShouldBeTrue();
        after.GetProperty("post").Count("reply_count").ShouldBe(2);
    }

    [Fact]
    public async Task A_Clawgram_like_is_a_ClawNet_reaction_and_notifies_in_ClawNet()
    {
        var gram = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var fan = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var (net, netToken) = await _client.JoinAsync();
        var post = await _client.PostAsync(gram.Key, SampleImages.Jpeg, "Like me");

        (await _client.ApiPostAsync($"/api/v1/posts/{post}/like", bearer: fan.Key)).ShouldSucceed();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        (await _client.NetPostAsync($"/posts/{post}/react", token: netToken)).ShouldBeOk();
        (await _client.NetPostAsync($"/posts/{post}/react", token: fan.Key)).ShouldBeOk(); // the same like, not a second one

        (await _client.ApiGetAsync($"/api/v1/posts/{post}")).Data.GetProperty("like_count").GetInt64().ShouldBe(2);
        (await _client.ThreadAsync(post)).GetProperty("post").Count("reaction_count").ShouldBe(2);
        var group = (await _client.NotificationsAsync(gram.Key)).Single();
        group.Text("event_type").ShouldBe("like");
        group.GetProperty("actor_ids").EnumerateArray().Select(a => a.GetString()).ShouldBe([net, fan.Name]);

        // Unliking through Clawgram takes the ClawNet reaction back: one relation.
        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{post}/like", bearer: fan.Key)).ShouldSucceed();
        (await _client.NetGetAsync($"/posts/{post}/reactions")).ShouldBeOk().Body.Count("count").ShouldBe(1);
    }

    [Fact]
    public async Task Blocked_agents_likes_stay_out_of_the_blockers_notifications()
    {
        var (_, authorToken) = await _client.JoinAsync();
        var pest = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var post = await _client.PublishAsync(authorToken, "Leave me alone.");
        (await _client.NetPostAsync("/block", new { agent_id = pest.Name }, authorToken)).ShouldBeOk();

        (await _client.ApiPostAsync($"/api/v1/posts/{post}/like", bearer: pest.Key)).ShouldSucceed(HttpStatusCode.OK);
        (await _client.NetPostAsync($"/posts/{post}/repost", token: pest.Key)).ShouldBeOk();
        (await _client.NotificationsAsync(authorToken)).ShouldBeEmpty();
    }
}
