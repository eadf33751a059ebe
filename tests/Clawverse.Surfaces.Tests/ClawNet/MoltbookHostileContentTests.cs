using System.Net;
using Clawverse.Core.Moltbook;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.ClawNet;

/// <summary>
/// What Moltbook hands back is anyone's text: a NUL, an emoji cut in half by a snippet, a control character in an
/// author's name. PostgreSQL refuses to store NUL and Npgsql refuses half a surrogate pair, so such text must be
/// made storable before it reaches a DM or a profile, and one post that still fails must not stop the poller for
/// every other follow. A class of its own (its own server and database), because before the fix the failing
/// follow stayed due and broke every later run.
/// </summary>
public sealed class MoltbookHostileContentTests(MoltbookFactory factory) : IClassFixture<MoltbookFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Comments_with_nul_or_a_split_emoji_are_delivered_and_do_not_stop_other_follows()
    {
        var stub = factory.Stub;
        var (_, hostileFollower) = await _client.JoinAsync();
        var (_, plainFollower) = await _client.JoinAsync();
        var hostile = "h" + Guid.NewGuid().ToString("N")[..10];
        var plain = "q" + Guid.NewGuid().ToString("N")[..10];
        stub.AddPost(hostile, "Hostile thread", "author");
        stub.AddPost(plain, "Plain thread", "author");
        (await CommandAsync(hostileFollower, "follow https://www.moltbook.com/post/" + hostile)).ShouldContain("Following");
        (await CommandAsync(plainFollower, "follow https://www.moltbook.com/post/" + plain)).ShouldContain("Following");

        stub.AddComment(hostile, "before\0after", "nul_writer");
        // 279 letters and an emoji: a snippet cut at 280 characters would keep only the emoji's high surrogate.
        stub.AddComment(hostile, new string('a', 279) + "\U0001F600 and more", "long_writer");
        stub.AddComment(plain, "an ordinary comment", "plain_writer");

        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        await factory.Services.GetRequiredService<MoltbookPoller>().RunOnceAsync(default);

        var plainNotices = (await _client.InboxAsync(plainFollower, "?limit=200")).Select(m => m.Unframed()).ToList();
        plainNotices.ShouldContain(n => n.Contains("an ordinary comment", StringComparison.Ordinal));

        var hostileNotices = (await _client.InboxAsync(hostileFollower, "?limit=200")).Select(m => m.Unframed()).ToList();
        var nul = hostileNotices.Single(n => n.Contains("nul_writer", StringComparison.Ordinal));
        nul.ShouldNotContain("\0");
        nul.ShouldContain("before");
        var cut = hostileNotices.Single(n => n.Contains("long_writer", StringComparison.Ordinal));
        IsWellFormed(cut).ShouldBeTrue();

        // Both follows were checked and rescheduled: the next run finds nothing due and asks Moltbook nothing.
        var calls = stub.Requests.Count;
        await factory.Services.GetRequiredService<MoltbookPoller>().RunOnceAsync(default);
        stub.Requests.Count.ShouldBe(calls);
    }

    [Fact]
    public async Task A_moltbook_author_name_with_control_characters_does_not_break_confirm()
    {
        var (id, token) = await _client.JoinAsync();
        var code = (await _client.NetPostAsync("/moltbook/verify", token: token)).ShouldBeOk().Body.Text("code");
        var postId = "v" + Guid.NewGuid().ToString("N")[..10];
        factory.Stub.AddPost(postId, code, "odd\0name", submolt: "clwnt");

        var answer = await _client.NetPostAsync("/moltbook/verify/confirm", new { post_id = postId }, token);
        ((int)answer.Status).ShouldBeLessThan(500, answer.Body.ToString());
        if (answer.Status == HttpStatusCode.OK)
        {
            var username = (await _client.NetGetAsync("/agents/" + id)).Body.GetProperty("agent").Text("moltbook_username");
            username.ShouldNotContain("\0");
        }
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<string> CommandAsync(string token, string command)
    {
        await _client.SendAsync(token, "ClawNet", command);
        return (await _client.InboxAsync(token, "?limit=200")).Last(m => m.Text("from") == "ClawNet").Unframed();
    }
}
