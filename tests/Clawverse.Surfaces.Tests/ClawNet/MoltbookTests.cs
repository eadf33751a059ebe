using System.Net;
using Clawverse.Core.Moltbook;
using Clawverse.Surfaces.Tests.Support;
using Clawverse.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.ClawNet;

/// <summary>The server pointed at a local stub of the Moltbook API, with a key.</summary>
public sealed class MoltbookFactory : ClawverseFactory
{
    public MoltbookStubServer Stub { get; } = MoltbookStubServer.StartAsync().GetAwaiter().GetResult();

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["moltbook-url"] = Stub.BaseUrl,
        ["moltbook-api-key"] = "moltbook_test_key",
    };

    protected override ValueTask DisposeExtrasAsync() => Stub.DisposeAsync();
}

/// <summary>Moltbook verification and post follows, driven as clawnet.md tells an agent, against the stub.</summary>
public sealed class MoltbookTests(MoltbookFactory factory) : IClassFixture<MoltbookFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private MoltbookStubServer Stub => factory.Stub;

    [Fact]
    public async Task Verify_with_the_code_in_a_clwnt_post_links_the_username()
    {
        Stub.Recover();
        var (id, token) = await _client.JoinAsync();
        var challenge = (await _client.NetPostAsync("/moltbook/verify", token: token)).ShouldBeOk().Body;
        var code = challenge.Text("code");
        challenge.Text("suggested_post").ShouldContain(code);
        challenge.Text("community").ShouldBe("clwnt");
        DateTimeOffset.Parse(challenge.Text("expires_at"), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(factory.Clock.GetUtcNow().AddMinutes(10), TimeSpan.FromSeconds(1));

        var postId = "p" + Guid.NewGuid().ToString("N")[..10];
        Stub.AddPost(postId, $"Verifying my ClawNet agent: {code}", "molty_author", submolt: "clwnt");
        var linked = (await _client.NetPostAsync("/moltbook/verify/confirm", new { post_id = postId }, token)).ShouldBeOk().Body;
        linked.Text("moltbook_username").ShouldBe("molty_author");
        Stub.Requests.ShouldContain(r => r.Path.EndsWith("/posts/" + postId, StringComparison.Ordinal) && r.Authorization == "Bearer moltbook_test_key");

        (await _client.NetGetAsync("/agents/" + id)).Body.GetProperty("agent").Text("moltbook_username").ShouldBe("molty_author");
        // The code is spent.
        (await _client.NetPostAsync("/moltbook/verify/confirm", new { post_id = postId }, token)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");

        (await _client.NetDeleteAsync("/moltbook/verify", token)).ShouldBeOk();
        (await _client.NetGetAsync("/agents/" + id)).Body.GetProperty("agent").GetProperty("moltbook_username").ValueKind
            .ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task The_code_may_be_in_a_comment_and_its_author_is_linked()
    {
        Stub.Recover();
        var (_, token) = await _client.JoinAsync();
        var code = (await _client.NetPostAsync("/moltbook/verify", token: token)).ShouldBeOk().Body.Text("code");
        var postId = "c" + Guid.NewGuid().ToString("N")[..10];
        Stub.AddPost(postId, "A thread for verifications", "someone_else", submolt: "clwnt");
        Stub.AddComment(postId, "unrelated", "third_party");
        Stub.AddComment(postId, $"mine: {code.ToUpperInvariant()}", "commenting_agent");

        (await _client.NetPostAsync("/moltbook/verify/confirm", new { post_id = postId }, token)).ShouldBeOk()
            .Body.Text("moltbook_username").ShouldBe("commenting_agent");
    }

    [Fact]
    public async Task Confirm_refuses_what_does_not_prove_the_account()
    {
        Stub.Recover();
        var (_, token) = await _client.JoinAsync();
        (await _client.NetPostAsync("/moltbook/verify/confirm", new { post_id = "anything" }, token)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");

        var code = (await _client.NetPostAsync("/moltbook/verify", token: token)).ShouldBeOk().Body.Text("code");
        var elsewhere = "w" + Guid.NewGuid().ToString("N")[..10];
        Stub.AddPost(elsewhere, code, "author", submolt: "general");
        var without = "n" + Guid.NewGuid().ToString("N")[..10];
        Stub.AddPost(without, "no code here", "author", submolt: "clwnt");

        (await _client.NetPostAsync("/moltbook/verify/confirm", new { post_id = elsewhere }, token)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
        (await _client.NetPostAsync("/moltbook/verify/confirm", new { post_id = without }, token)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
        (await _client.NetPostAsync("/moltbook/verify/confirm", new { post_id = "no_such_post" }, token)).ShouldBeError(HttpStatusCode.NotFound, "not_found");
        (await _client.NetPostAsync("/moltbook/verify/confirm", new { }, token)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");
        (await _client.NetRawAsync(HttpMethod.Post, "/moltbook/verify/confirm", "{\"post_id\": 7}", token)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request");

        Stub.FailWith(503);
        (await _client.NetPostAsync("/moltbook/verify/confirm", new { post_id = without }, token)).Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        Stub.Recover();

        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        var late = "l" + Guid.NewGuid().ToString("N")[..10];
        Stub.AddPost(late, code, "author", submolt: "clwnt");
        (await _client.NetPostAsync("/moltbook/verify/confirm", new { post_id = late }, token)).ShouldBeError(HttpStatusCode.BadRequest, "invalid_request")
            .Body.Text("message").ShouldContain("expired");
    }

    [Fact]
    public async Task Following_a_post_by_dm_brings_its_new_comments_as_dms()
    {
        Stub.Recover();
        var (_, token) = await _client.JoinAsync();
        var postId = "f" + Guid.NewGuid().ToString("N")[..10];
        var url = "https://www.moltbook.com/post/" + postId;
        Stub.AddPost(postId, "Followed post", "author");
        Stub.AddComment(postId, "an old comment", "early_bird");

        (await CommandAsync(token, "follow " + url)).ShouldContain("Following " + url);
        (await CommandAsync(token, "follow " + url)).ShouldContain("already");
        (await CommandAsync(token, "list follows")).ShouldContain(url);

        Stub.AddComment(postId, "a fresh take", "late_comer");
        var poller = factory.Services.GetRequiredService<MoltbookPoller>();
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        (await poller.RunOnceAsync(default)).ShouldBeGreaterThanOrEqualTo(1);
        var notice = (await _client.InboxAsync(token, "?limit=200")).Last();
        notice.Text("from").ShouldBe("ClawNet");
        notice.Unframed().ShouldBe($"New comment by late_comer on {url}:\na fresh take");

        // Not due again until the interval has passed: no call at all.
        var calls = Stub.Requests.Count;
        (await poller.RunOnceAsync(default)).ShouldBe(0);
        Stub.Requests.Count.ShouldBe(calls);

        (await CommandAsync(token, "unfollow " + url)).ShouldContain("Unfollowed");
        (await CommandAsync(token, "list follows")).ShouldContain("no Moltbook posts");
    }

    [Fact]
    public async Task A_burst_of_comments_is_a_few_notices_and_one_summary()
    {
        Stub.Recover();
        var (_, token) = await _client.JoinAsync();
        var postId = "s" + Guid.NewGuid().ToString("N")[..10];
        Stub.AddPost(postId, "Busy thread", "author");
        (await CommandAsync(token, "follow https://www.moltbook.com/post/" + postId)).ShouldContain("Following");
        var before = (await _client.InboxAsync(token, "?limit=200")).Length;
        for (var i = 0; i < MoltbookPoller.MaxNoticesPerPost + 2; i++)
        {
            Stub.AddComment(postId, "comment " + i, "crowd_" + i);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        (await factory.Services.GetRequiredService<MoltbookPoller>().RunOnceAsync(default)).ShouldBeGreaterThanOrEqualTo(MoltbookPoller.MaxNoticesPerPost + 1);
        var notices = (await _client.InboxAsync(token, "?limit=200")).Skip(before).Select(m => m.Unframed()).ToList();
        notices.Count.ShouldBe(MoltbookPoller.MaxNoticesPerPost + 1);
        notices[0].ShouldContain("comment 0");
        notices[^1].ShouldContain("2 more new comments");
    }

    [Fact]
    public async Task Delete_follows_moltbook_removes_a_follow()
    {
        Stub.Recover();
        var (_, token) = await _client.JoinAsync();
        var postId = "d" + Guid.NewGuid().ToString("N")[..10];
        Stub.AddPost(postId, "To be unfollowed", "author");
        (await CommandAsync(token, "follow https://moltbook.com/post/" + postId)).ShouldContain("Following");

        (await _client.NetDeleteAsync("/follows/moltbook/" + postId, token)).ShouldBeOk().Body.Text("post_id").ShouldBe(postId);
        (await _client.NetDeleteAsync("/follows/moltbook/" + postId, token)).ShouldBeError(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Bare_ids_and_other_sites_are_refused_with_a_helpful_answer()
    {
        Stub.Recover();
        var (_, token) = await _client.JoinAsync();
        (await CommandAsync(token, "follow abc123")).ShouldContain("https://www.moltbook.com/post/");
        (await CommandAsync(token, "follow https://evil.example/post/abc123")).ShouldContain("not a Moltbook post URL");
        (await CommandAsync(token, "follow https://www.moltbook.com/post/missing_post")).ShouldContain("not found");
        (await CommandAsync(token, "what can you do")).ShouldContain("follow https://www.moltbook.com/post/POST_ID");
    }

    [Fact]
    public async Task A_failing_post_backs_off_and_a_vanished_post_is_dropped_with_a_notice()
    {
        Stub.Recover();
        var (_, token) = await _client.JoinAsync();
        var postId = "b" + Guid.NewGuid().ToString("N")[..10];
        Stub.AddPost(postId, "Soon failing", "author");
        (await CommandAsync(token, "follow https://www.moltbook.com/post/" + postId)).ShouldContain("Following");
        var poller = factory.Services.GetRequiredService<MoltbookPoller>();

        Stub.FailWith(500);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        await poller.RunOnceAsync(default);
        var calls = Stub.Requests.Count(r => r.Path.Contains(postId, StringComparison.Ordinal));

        // Backoff: twice the interval after one failure, so six minutes later it is not asked again.
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        await poller.RunOnceAsync(default);
        Stub.Requests.Count(r => r.Path.Contains(postId, StringComparison.Ordinal)).ShouldBe(calls);

        Stub.Recover();
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await poller.RunOnceAsync(default);
        Stub.Requests.Count(r => r.Path.Contains(postId, StringComparison.Ordinal)).ShouldBeGreaterThan(calls);

        // Deleted on Moltbook: the follow goes, and the follower is told.
        Stub.RemovePost(postId);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        await poller.RunOnceAsync(default);
        (await _client.InboxAsync(token, "?limit=200")).Last().Unframed().ShouldContain("is gone");
        (await CommandAsync(token, "list follows")).ShouldContain("no Moltbook posts");
        MoltbookPoller.Backoff(TimeSpan.FromMinutes(5), 1).ShouldBe(TimeSpan.FromMinutes(10));
        MoltbookPoller.Backoff(TimeSpan.FromMinutes(5), 30).ShouldBe(MoltbookPoller.MaxBackoff);
    }

    private async Task<string> CommandAsync(string token, string command)
    {
        await _client.SendAsync(token, "ClawNet", command);
        return (await _client.InboxAsync(token, "?limit=200")).Last(m => m.Text("from") == "ClawNet").Unframed();
    }
}

/// <summary>Without a Moltbook key nothing calls out and the features say so.</summary>
public sealed class MoltbookNotConfiguredTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Verify_answers_not_configured_and_follow_says_so()
    {
        var (_, token) = await _client.JoinAsync();
        (await _client.NetPostAsync("/moltbook/verify", token: token)).ShouldBeError(HttpStatusCode.ServiceUnavailable, "not_configured");
        (await _client.NetPostAsync("/moltbook/verify/confirm", new { post_id = "x" }, token)).ShouldBeError(HttpStatusCode.ServiceUnavailable, "not_configured");
        await _client.SendAsync(token, "ClawNet", "follow https://www.moltbook.com/post/abc");
        (await _client.InboxAsync(token)).Last().Unframed().ShouldContain("not configured");
        (await factory.Services.GetRequiredService<MoltbookPoller>().RunOnceAsync(default)).ShouldBe(0);
    }
}
