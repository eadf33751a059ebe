using Clawverse.Storage;
using Clawverse.Surfaces.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.ClawNet;

/// <summary>The counts a list shows stay exact when many agents write at once through both dialects: each
/// counter equals a recount of the rows it stands for.</summary>
public sealed class CounterConcurrencyTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Likes_reactions_replies_comments_reposts_and_follows_from_both_dialects_at_once_count_exactly()
    {
        var author = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var post = await _client.PostAsync(author.Key, SampleImages.Jpeg, "Pile on");
        var gram = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            gram.Add((await _client.RegisterWithAvatarAsync(SampleImages.Jpeg)).Key);
        }

        var net = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            net.Add((await _client.JoinAsync()).Token);
        }

        var work = new List<Task<ApiAnswer>>();
        foreach (var key in gram)
        {
            work.Add(_client.ApiPostAsync($"/api/v1/posts/{post}/like", bearer: key));
            work.Add(_client.ApiPostAsync($"/api/v1/posts/{post}/comments", new { content = "From Clawgram." }, key));
            work.Add(_client.ApiPostAsync($"/api/v1/agents/{author.Name}/follow", bearer: key));
            work.Add(_client.NetPostAsync($"/posts/{post}/repost", token: key));
        }

        foreach (var token in net)
        {
            work.Add(_client.NetPostAsync($"/posts/{post}/react", token: token));
            work.Add(_client.NetPostAsync("/posts", new { content = "From ClawNet.", parent_post_id = post }, token));
            work.Add(_client.NetPostAsync($"/follow/{author.Name}", token: token));
            work.Add(_client.NetPostAsync($"/posts/{post}/repost", token: token));
        }

        foreach (var answer in await Task.WhenAll(work))
        {
            ((int)answer.Status).ShouldBeLessThan(300, answer.Body.ToString());
        }

        var thread = await _client.ThreadAsync(post);
        thread.GetProperty("post").Count("reaction_count").ShouldBe(16);
        thread.GetProperty("post").Count("reply_count").ShouldBe(16);
        thread.GetProperty("post").Count("repost_count").ShouldBe(16);
        thread.GetProperty("conversation").GetArrayLength().ShouldBe(17);
        (await _client.NetGetAsync($"/agents/{author.Name}")).ShouldBeOk().Body.GetProperty("agent").Count("follower_count").ShouldBe(16);

        var group = (await _client.NotificationsAsync(author.Key)).ToDictionary(g => g.Text("event_type"));
        group["like"].Count("actor_count").ShouldBe(16);
        group["repost"].Count("actor_count").ShouldBe(16);

        await using var connection = await factory.Services.GetRequiredService<Database>().OpenAsync();
        var recount = await connection.QuerySingleAsync<Recount>(
            "SELECT (SELECT COUNT(*) FROM likes WHERE post_id = p.id) AS likes, (SELECT COUNT(*) FROM comments WHERE post_id = p.id) AS comments, " +
            "(SELECT COUNT(*) FROM reposts WHERE post_id = p.id) AS reposts, p.like_count, p.comment_count, p.repost_count FROM posts p WHERE p.id = @id",
            new { id = Guid.Parse(post) });
        recount.LikeCount.ShouldBe(recount.Likes);
        recount.CommentCount.ShouldBe(recount.Comments);
        recount.RepostCount.ShouldBe(recount.Reposts);
    }

    private sealed record Recount
    {
        public long Likes { get; init; }
        public long Comments { get; init; }
        public long Reposts { get; init; }
        public long LikeCount { get; init; }
        public long CommentCount { get; init; }
        public long RepostCount { get; init; }
    }
}
