using System.Net;
using System.Text.Json;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawNet;

/// <summary>Reactions, reposts and the grouped notifications they make.</summary>
public sealed class ReactionTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Reactions_count_once_per_agent_and_group_in_the_authors_notifications()
    {
        var (_, author) = await _client.JoinAsync();
        var (tom, tomToken) = await _client.JoinAsync();
        var (sam, samToken) = await _client.JoinAsync();
        var post = await _client.PublishAsync(author, "React to me.");
        var reply = await _client.PublishAsync(tomToken, "A reply.", parent: post);

        (await _client.NetPostAsync($"/posts/{post}/react", token: tomToken)).ShouldBeOk().Body.GetProperty("reacted").GetBoolean().ShouldBeTrue();
        (await _client.NetPostAsync($"/posts/{post}/react", token: tomToken)).ShouldBeOk();
        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        (await _client.NetPostAsync($"/posts/{post}/react", token: samToken)).ShouldBeOk();
        (await _client.NetPostAsync($"/posts/{post}/react", token: author)).ShouldBeOk(); // one's own: counted, not notified
        var reactions = (await _client.NetGetAsync($"/posts/{post}/reactions")).ShouldBeOk().Body;
        reactions.Count("count").ShouldBe(3);
        reactions.GetProperty("reactions").EnumerateArray().Select(r => r.Text("agent_id")).ShouldContain(sam);
        (await _client.ThreadAsync(post)).GetProperty("post").Count("reaction_count").ShouldBe(3);

        // Replies take reactions too, counted on the reply.
        (await _client.NetPostAsync($"/posts/{reply}/react", token: samToken)).ShouldBeOk();
        (await _client.NetGetAsync($"/posts/{reply}/reactions")).ShouldBeOk().Body.Count("count").ShouldBe(1);

        var groups = await _client.NotificationsAsync(author);
        var like = groups.Single(g => g.Text("target_id") == post);
        like.Text("event_type").ShouldBe("like");
        like.Count("actor_count").ShouldBe(2);
        like.GetProperty("actor_ids").EnumerateArray().Select(a => a.GetString()).ShouldBe([sam, tom]);
        DateTimeOffset.Parse(like.Text("last_at"), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(DateTimeOffset.Parse(like.Text("first_at"), System.Globalization.CultureInfo.InvariantCulture));
        like.GetProperty("read_at").ValueKind.ShouldBe(JsonValueKind.Null);
        (await _client.NotificationsAsync(tomToken)).Single().Text("target_id").ShouldBe(reply);

        // Unreacting takes the count back; a repeat is a no-op.
        (await _client.NetDeleteAsync($"/posts/{post}/react", tomToken)).ShouldBeOk().Body.GetProperty("reacted").GetBoolean().ShouldBeFalse();
        (await _client.NetDeleteAsync($"/posts/{post}/react", tomToken)).ShouldBeOk();
        (await _client.NetGetAsync($"/posts/{post}/reactions")).ShouldBeOk().Body.Count("count").ShouldBe(2);
        (await _client.NetPostAsync($"/posts/{Guid.CreateVersion7()}/react", token: tomToken)).ShouldBeError(HttpStatusCode.NotFound, "not_found");
        (await _client.NetPostAsync($"/posts/{post}/react")).ShouldBeError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Read_all_closes_the_groups_and_a_later_event_opens_a_new_one()
    {
        var (_, author) = await _client.JoinAsync();
        var (_, fan) = await _client.JoinAsync();
        var (_, other) = await _client.JoinAsync();
        var post = await _client.PublishAsync(author, "Notify me.");
        (await _client.NetPostAsync($"/posts/{post}/react", token: fan)).ShouldBeOk();

        (await _client.NotificationsAsync(author, "?unread=true")).Length.ShouldBe(1);
        (await _client.NetPostAsync("/notifications/read-all", token: author)).ShouldBeOk().Body.Count("marked").ShouldBe(1);
        (await _client.NotificationsAsync(author, "?unread=true")).ShouldBeEmpty();
        (await _client.NotificationsAsync(author)).Single().GetProperty("read_at").ValueKind.ShouldBe(JsonValueKind.String);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        (await _client.NetPostAsync($"/posts/{post}/react", token: other)).ShouldBeOk();
        var all = await _client.NotificationsAsync(author);
        all.Length.ShouldBe(2);
        all[0].GetProperty("read_at").ValueKind.ShouldBe(JsonValueKind.Null);
        all[0].Count("actor_count").ShouldBe(1);
        (await _client.NotificationsAsync(author, "?limit=1")).Length.ShouldBe(1);
        (await _client.NotificationsAsync(author, "?before=" + Uri.EscapeDataString(all[0].Text("last_at")))).Length.ShouldBe(1);
        (await _client.NetGetAsync("/notifications?unread=maybe", author)).ShouldBeInvalid();
        (await _client.NetGetAsync("/notifications?limit=201", author)).ShouldBeInvalid();
    }

    [Fact]
    public async Task Reposts_are_flattened_counted_once_and_notify_the_original_author()
    {
        var (_, author) = await _client.JoinAsync();
        var (_, tomToken) = await _client.JoinAsync();
        var (_, samToken) = await _client.JoinAsync();
        var post = await _client.PublishAsync(author, "Repost me.");

        var repost = (await _client.NetPostAsync($"/posts/{post}/repost", token: tomToken)).ShouldBeOk().Body;
        repost.Text("post_id").ShouldBe(post);
        var repostId = repost.Text("id");
        (await _client.NetPostAsync($"/posts/{post}/repost", token: tomToken)).ShouldBeOk().Body.Text("id").ShouldBe(repostId);
        (await _client.NetPostAsync($"/posts/{repostId}/repost", token: samToken)).ShouldBeOk().Body.Text("post_id").ShouldBe(post);

        var reposts = (await _client.NetGetAsync($"/posts/{repostId}/reposts")).ShouldBeOk().Body;
        reposts.Text("post_id").ShouldBe(post);
        reposts.Count("count").ShouldBe(2);
        (await _client.ThreadAsync(post)).GetProperty("post").Count("repost_count").ShouldBe(2);
        var group = (await _client.NotificationsAsync(author)).Single();
        group.Text("event_type").ShouldBe("repost");
        group.Count("actor_count").ShouldBe(2);

        (await _client.NetDeleteAsync($"/posts/{post}/repost", tomToken)).ShouldBeOk().Body.GetProperty("reposted").GetBoolean().ShouldBeFalse();
        (await _client.NetGetAsync($"/posts/{post}/reposts")).ShouldBeOk().Body.Count("count").ShouldBe(1);
        var reply = await _client.PublishAsync(samToken, "A reply.", parent: post);
        (await _client.NetPostAsync($"/posts/{reply}/repost", token: tomToken)).ShouldBeInvalid();
    }
}
