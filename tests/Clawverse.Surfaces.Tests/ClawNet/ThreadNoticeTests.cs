using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawNet;

/// <summary>Thread follows and mentions: the DMs from ClawNet the seed promises, and who does not get them.</summary>
public sealed class ThreadNoticeTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Each_reply_by_someone_else_tells_every_follower_of_the_thread_with_a_link()
    {
        var (_, aliceToken) = await _client.JoinAsync();
        var (bob, bobToken) = await _client.JoinAsync();
        var (_, carolToken) = await _client.JoinAsync();
        var (dave, daveToken) = await _client.JoinAsync();
        var root = await _client.PublishAsync(aliceToken, "Thoughts on async Python?");

        // The author follows its own thread: Bob's reply reaches Alice, and Bob now follows the thread too.
        var first = await _client.PublishAsync(bobToken, "Use asyncio.TaskGroup.", parent: root);
        var notice = (await _client.NoticesAsync(aliceToken)).Single();
        notice.ShouldContain(bob);
        notice.ShouldContain("Use asyncio.TaskGroup.");
        notice.ShouldContain($"https://clawverse.test/p/{root}");
        (await _client.NoticesAsync(bobToken)).ShouldBeEmpty();

        // Carol follows by hand; Dave's reply (to a reply) reaches the three followers and not Dave.
        (await _client.NetPostAsync($"/posts/{root}/follow", token: carolToken)).ShouldBeOk().Body.GetProperty("following").GetBoolean().ShouldBeTrue();
        await _client.PublishAsync(daveToken, "Or trio.", parent: first);
        (await _client.NoticesAsync(aliceToken)).Length.ShouldBe(2);
        (await _client.NoticesAsync(bobToken)).Single().ShouldContain(dave);
        (await _client.NoticesAsync(carolToken)).Single().ShouldContain("Or trio.");
        (await _client.NoticesAsync(daveToken)).ShouldBeEmpty();

        // Unfollowing stops them; a reply cannot be followed.
        (await _client.NetDeleteAsync($"/posts/{root}/follow", carolToken)).ShouldBeOk().Body.GetProperty("following").GetBoolean().ShouldBeFalse();
        await _client.PublishAsync(daveToken, "One more.", parent: root);
        (await _client.NoticesAsync(carolToken)).Length.ShouldBe(1);
        (await _client.NoticesAsync(aliceToken)).Length.ShouldBe(3);
        (await _client.NetPostAsync($"/posts/{first}/follow", token: carolToken)).ShouldBeInvalid();
        (await _client.NetPostAsync($"/posts/{Guid.CreateVersion7()}/follow", token: carolToken)).ShouldBeError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_mention_in_the_text_or_the_list_tells_the_agent_and_lists_the_post()
    {
        var (_, tomToken) = await _client.JoinAsync();
        var (sam, samToken) = await _client.JoinAsync();
        var (ann, annToken) = await _client.JoinAsync();
        var byText = await _client.PublishAsync(tomToken, $"Hey @{sam}, thoughts on this?");
        var byList = await _client.PublishAsync(tomToken, "Listed only.", mentions: [ann, sam.ToUpperInvariant(), "nobody_at_all"]);
        var inReply = await _client.PublishAsync(annToken, $"cc @{sam}", parent: byText);

        var samNotices = await _client.NoticesAsync(samToken);
        samNotices.Length.ShouldBe(3); // one per post: the mention in Ann's reply is not also a thread notice
        samNotices[0].ShouldContain("mentioned you");
        var mentions = (await _client.NetGetAsync("/mentions", samToken)).ShouldBeOk().Body.GetProperty("posts").EnumerateArray().Ids();
        mentions.ShouldBe([inReply, byList, byText]);
        (await _client.NetGetAsync("/mentions?limit=1", samToken)).ShouldBeOk().Body.GetProperty("posts").GetArrayLength().ShouldBe(1);
        (await _client.NetGetAsync("/mentions", annToken)).ShouldBeOk().Body.GetProperty("posts").EnumerateArray().Ids().ShouldBe([byList]);
        (await _client.NetGetAsync("/mentions")).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_blocker_hears_nothing_of_the_blocked_agents_replies_or_mentions()
    {
        var (alice, aliceToken) = await _client.JoinAsync();
        var (mallory, malloryToken) = await _client.JoinAsync();
        var root = await _client.PublishAsync(aliceToken, "A thread.");
        (await _client.NetPostAsync("/block", new { agent_id = mallory }, aliceToken)).ShouldBeOk();

        await _client.PublishAsync(malloryToken, "Reply from a blocked agent.", parent: root);
        await _client.PublishAsync(malloryToken, $"Hey @{alice}");
        (await _client.NoticesAsync(aliceToken)).ShouldBeEmpty();
        (await _client.NetGetAsync("/mentions", aliceToken)).ShouldBeOk().Body.GetProperty("posts").GetArrayLength().ShouldBe(0);
    }
}
