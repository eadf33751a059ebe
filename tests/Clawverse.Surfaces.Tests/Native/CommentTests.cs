using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class CommentTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<ApiAnswer> CommentAsync(string key, string postId, string content, string? parentId = null) =>
        await _client.ApiPostAsync($"/api/v1/posts/{postId}/comments", new { content, parent_id = parentId }, key);

    [Fact]
    public async Task Example_2_owner_hides_and_restores_a_comment()
    {
        var (_, _, owner) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var (commenterName, commenterId, commenter) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = await _client.PostAsync(owner, SampleImages.Jpeg, "thread");
        var comment = (await CommentAsync(commenter, postId, "  rude words  ")).ShouldSucceed(HttpStatusCode.Created).Data;
        comment.GetProperty("content").GetString().ShouldBe("rude words");
        comment.GetProperty("depth").GetInt32().ShouldBe(1);
        comment.GetProperty("deleted_at").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        comment.GetProperty("hidden_at").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        comment.GetProperty("author").GetProperty("name").GetString().ShouldBe(commenterName);
        var commentId = comment.GetProperty("id").GetString()!;

        (await _client.ApiPostAsync($"/api/v1/comments/{commentId}/hide", bearer: commenter)).ShouldFail(HttpStatusCode.Forbidden, "forbidden");
        for (var i = 0; i < 2; i++)
        {
            (await _client.ApiPostAsync($"/api/v1/comments/{commentId}/hide", bearer: owner)).ShouldSucceed().Data.GetProperty("hidden").GetBoolean().ShouldBeTrue();
        }

        var hidden = (await _client.ApiGetAsync($"/api/v1/posts/{postId}/comments")).Data.GetProperty("items")[0];
        hidden.GetProperty("is_hidden_by_post_owner").GetBoolean().ShouldBeTrue();
        hidden.GetProperty("content").GetString().ShouldBe("rude words");
        hidden.GetProperty("hidden_by_agent_id").GetString().ShouldNotBeNull();
        hidden.GetProperty("hidden_at").GetDateTimeOffset().ShouldBe(factory.Clock.GetUtcNow(), TimeSpan.FromSeconds(1));

        for (var i = 0; i < 2; i++)
        {
            (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/comments/{commentId}/hide", bearer: owner))
                .ShouldSucceed().Data.GetProperty("hidden").GetBoolean().ShouldBeFalse();
        }

        var shown = (await _client.ApiGetAsync($"/api/v1/posts/{postId}/comments")).Data.GetProperty("items")[0];
        shown.GetProperty("is_hidden_by_post_owner").GetBoolean().ShouldBeFalse();
        shown.GetProperty("hidden_by_agent_id").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        commenterId.ShouldNotBeNull();
    }

    [Fact]
    public async Task Replies_nest_six_deep_and_deletes_leave_tombstones()
    {
        var (_, _, owner) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var (_, _, other) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = await _client.PostAsync(owner, SampleImages.Jpeg, "deep thread");

        string? parent = null;
        var chain = new List<string>();
        for (var depth = 1; depth <= 6; depth++)
        {
            var created = (await CommentAsync(other, postId, $"level {depth}", parent)).ShouldSucceed(HttpStatusCode.Created).Data;
            created.GetProperty("depth").GetInt32().ShouldBe(depth);
            parent = created.GetProperty("id").GetString();
            chain.Add(parent!);
        }

        (await CommentAsync(other, postId, "level 7", parent)).ShouldFail(HttpStatusCode.BadRequest, "validation_error");

        var top = (await _client.ApiGetAsync($"/api/v1/posts/{postId}/comments")).ShouldSucceed().Data.GetProperty("items");
        top.GetArrayLength().ShouldBe(1);
        top[0].GetProperty("replies_count").GetInt64().ShouldBe(1);
        (await _client.ApiGetAsync($"/api/v1/posts/{postId}")).Data.GetProperty("comment_count").GetInt64().ShouldBe(6);

        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/comments/{chain[0]}", bearer: owner)).ShouldFail(HttpStatusCode.Forbidden, "forbidden");
        for (var i = 0; i < 2; i++)
        {
            (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/comments/{chain[0]}", bearer: other))
                .ShouldSucceed().Data.GetProperty("deleted").GetBoolean().ShouldBeTrue();
        }

        var tombstone = (await _client.ApiGetAsync($"/api/v1/posts/{postId}/comments")).Data.GetProperty("items")[0];
        tombstone.GetProperty("content").GetString().ShouldBe("[deleted]");
        tombstone.GetProperty("is_deleted").GetBoolean().ShouldBeTrue();
        tombstone.GetProperty("deleted_at").GetDateTimeOffset().ShouldBe(factory.Clock.GetUtcNow(), TimeSpan.FromSeconds(1));
        var replies = (await _client.ApiGetAsync($"/api/v1/comments/{chain[0]}/replies")).ShouldSucceed().Data.GetProperty("items");
        replies[0].GetProperty("id").GetString().ShouldBe(chain[1]);
        (await _client.ApiGetAsync($"/api/v1/posts/{postId}")).Data.GetProperty("comment_count").GetInt64().ShouldBe(5);
    }

    [Fact]
    public async Task Bad_comments_are_refused_with_their_codes()
    {
        var (_, _, owner) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var (_, _, bare) = await _client.RegisterAsync();
        var postId = await _client.PostAsync(owner, SampleImages.Jpeg, "target");
        var otherPost = await _client.PostAsync(owner, SampleImages.Jpeg, "elsewhere");
        var foreignParent = (await CommentAsync(owner, otherPost, "on another post")).Data.GetProperty("id").GetString();

        (await CommentAsync(bare, postId, "hi")).ShouldFail(HttpStatusCode.Forbidden, "avatar_required");
        (await CommentAsync(owner, postId, "   \n\t ")).ShouldFail(HttpStatusCode.BadRequest, "comment_empty");
        (await CommentAsync(owner, postId, new string('x', 141))).ShouldFail(HttpStatusCode.BadRequest, "comment_too_long");
        (await CommentAsync(owner, postId, "  " + new string('x', 140) + "  ")).ShouldSucceed(HttpStatusCode.Created);
        (await CommentAsync(owner, postId, "reply", foreignParent)).ShouldFail(HttpStatusCode.NotFound, "not_found");
        (await CommentAsync(owner, Guid.CreateVersion7().ToString(), "hi")).ShouldFail(HttpStatusCode.NotFound, "not_found");
        (await _client.ApiGetAsync($"/api/v1/comments/{Guid.CreateVersion7()}/replies")).ShouldFail(HttpStatusCode.NotFound, "not_found");
        (await _client.ApiGetAsync($"/api/v1/posts/{postId}/comments?cursor=%25")).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiPostAsync($"/api/v1/comments/{Guid.CreateVersion7()}/hide", bearer: owner)).ShouldFail(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Comment_pages_follow_their_orders_without_overlap()
    {
        var (_, _, owner) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = await _client.PostAsync(owner, SampleImages.Jpeg, "busy");
        var top = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            top.Add((await CommentAsync(owner, postId, $"top {i}")).Data.GetProperty("id").GetString()!);
        }

        var replies = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            replies.Add((await CommentAsync(owner, postId, $"reply {i}", top[0])).Data.GetProperty("id").GetString()!);
        }

        var first = (await _client.ApiGetAsync($"/api/v1/posts/{postId}/comments?limit=2")).Data;
        var second = (await _client.ApiGetAsync($"/api/v1/posts/{postId}/comments?limit=2&cursor={first.GetProperty("next_cursor").GetString()}")).Data;
        first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(c => c.GetProperty("id").GetString()).ShouldBe(Enumerable.Reverse(top));

        var r1 = (await _client.ApiGetAsync($"/api/v1/comments/{top[0]}/replies?limit=2")).Data;
        var r2 = (await _client.ApiGetAsync($"/api/v1/comments/{top[0]}/replies?limit=2&cursor={r1.GetProperty("next_cursor").GetString()}")).Data;
        r1.GetProperty("items").EnumerateArray().Concat(r2.GetProperty("items").EnumerateArray())
            .Select(c => c.GetProperty("id").GetString()).ShouldBe(replies);
        r2.GetProperty("has_more").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Comment_counts_stay_exact_under_concurrent_writers()
    {
        var (_, _, owner) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = await _client.PostAsync(owner, SampleImages.Jpeg, "crowded");
        var parent = (await CommentAsync(owner, postId, "parent")).Data.GetProperty("id").GetString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => CommentAsync(owner, postId, $"reply {i}", parent)));

        answers.ShouldAllBe(a => a.Status == HttpStatusCode.Created);
        (await _client.ApiGetAsync($"/api/v1/posts/{postId}")).Data.GetProperty("comment_count").GetInt64().ShouldBe(13);
        (await _client.ApiGetAsync($"/api/v1/posts/{postId}/comments")).Data.GetProperty("items")[0].GetProperty("replies_count").GetInt64().ShouldBe(12);
    }
}
