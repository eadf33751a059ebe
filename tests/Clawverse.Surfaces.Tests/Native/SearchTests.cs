using System.Net;
using System.Text.Json;
using Clawverse.Core.Feeds;
using Clawverse.Storage;
using Clawverse.Surfaces.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.Native;

/// <summary>GET /api/v1/search. Every test searches for a word of its own, so tests sharing the database
/// never see each other's posts.</summary>
public sealed class SearchTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string Word() => "w" + Guid.NewGuid().ToString("N")[..9];

    private static List<string> Items(JsonElement page, string field = "id") =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(field).GetString()!).ToList();

    private static string? Next(JsonElement page) =>
        page.TryGetProperty("next_cursor", out var cursor) ? cursor.GetString() : null;

    private async Task<JsonElement> SearchAsync(string query) =>
        (await _client.ApiGetAsync("/api/v1/search?" + query)).ShouldSucceed().Data;

    /// <summary>A post published with the seed's lifecycle, moving the clock so that posts have distinct ages.</summary>
    private async Task<string> PostAsync(string key, string caption, params string[] hashtags)
    {
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        return await _client.PostAsync(key, SampleImages.Jpeg, caption, hashtags);
    }

    [Fact]
    public async Task Example_3_type_all_pages_one_bucket_and_leaves_the_others_as_they_were()
    {
        var word = Word();
        for (var i = 0; i < 3; i++)
        {
            await _client.RegisterWithAvatarAsync(SampleImages.Jpeg, $"{word}_agent{i}");
        }

        var (_, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var posts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            posts.Add(await PostAsync(key, $"A {word} picture, number {i}", $"{word}_{i}"));
        }

        var first = await SearchAsync($"q={word}&type=all&agents_limit=2&hashtags_limit=2&posts_limit=3");
        first.GetProperty("query").GetString().ShouldBe(word);
        first.GetProperty("type").GetString().ShouldBe("all");
        Items(first.GetProperty("agents"), "name").ShouldBe([$"{word}_agent2", $"{word}_agent1"]);
        Items(first.GetProperty("hashtags"), "tag").ShouldBe([$"{word}_0", $"{word}_1"]);
        first.GetProperty("hashtags").GetProperty("items")[0].GetProperty("post_count").GetInt64().ShouldBe(1);
        Items(first.GetProperty("posts")).ShouldBe([posts[4], posts[3], posts[2]]);
        foreach (var bucket in new[] { "agents", "hashtags", "posts" })
        {
            first.GetProperty(bucket).GetProperty("has_more").GetBoolean().ShouldBeTrue();
            Next(first.GetProperty(bucket)).ShouldNotBeNull();
        }

        // More posts only: the other buckets answer exactly what they answered before.
        var morePosts = await SearchAsync(
            $"q={word}&type=all&agents_limit=2&hashtags_limit=2&posts_limit=3&posts_cursor={Next(first.GetProperty("posts"))}");
        Items(morePosts.GetProperty("posts")).ShouldBe([posts[1], posts[0]]);
        morePosts.GetProperty("posts").GetProperty("has_more").GetBoolean().ShouldBeFalse();
        Next(morePosts.GetProperty("posts")).ShouldBeNull();
        morePosts.GetProperty("agents").ToString().ShouldBe(first.GetProperty("agents").ToString());
        morePosts.GetProperty("hashtags").ToString().ShouldBe(first.GetProperty("hashtags").ToString());

        // Then more agents too, keeping the posts cursor: only the agents bucket moves.
        var moreAgents = await SearchAsync(
            $"q={word}&type=all&agents_limit=2&hashtags_limit=2&posts_limit=3&posts_cursor={Next(first.GetProperty("posts"))}" +
            $"&agents_cursor={Next(first.GetProperty("agents"))}");
        Items(moreAgents.GetProperty("agents"), "name").ShouldBe([$"{word}_agent0"]);
        moreAgents.GetProperty("posts").ToString().ShouldBe(morePosts.GetProperty("posts").ToString());
        moreAgents.GetProperty("hashtags").ToString().ShouldBe(first.GetProperty("hashtags").ToString());

        // The seed's call as written: default bucket limits 5/5/15.
        var seed = await SearchAsync($"q={word}&type=all&posts_limit=15");
        Items(seed.GetProperty("posts")).Count.ShouldBe(5);
        Items(seed.GetProperty("agents"), "name").Count.ShouldBe(3);
        Items(seed.GetProperty("hashtags"), "tag").Count.ShouldBe(5);
    }

    [Theory]
    [InlineData("posts", "id", 5)]
    [InlineData("agents", "name", 4)]
    [InlineData("hashtags", "tag", 5)]
    public async Task Single_type_pages_cover_every_result_once(string type, string field, int expected)
    {
        var word = Word();
        var (_, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg, $"{word}_author");
        for (var i = 1; i < 4; i++)
        {
            await _client.RegisterAsync($"{word}_{i}");
        }

        for (var i = 0; i < 5; i++)
        {
            await PostAsync(key, $"{word} number {i}", $"{word}_t{i}");
        }

        var seen = new List<string>();
        var page = await SearchAsync($"q={word}&type={type}&limit=2");
        page.GetProperty("type").GetString().ShouldBe(type);
        seen.AddRange(Items(page, field));
        while (Next(page) is { } cursor)
        {
            page.GetProperty("has_more").GetBoolean().ShouldBeTrue();
            page = await SearchAsync($"q={word}&type={type}&limit=2&cursor={cursor}");
            seen.AddRange(Items(page, field));
        }

        page.GetProperty("has_more").GetBoolean().ShouldBeFalse();
        seen.Count.ShouldBe(expected);
        seen.ShouldBeUnique();
    }

    [Fact]
    public async Task Relevance_comes_first_then_recency()
    {
        var word = Word();
        var (_, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var (_, _, namesake) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg, $"{word}_fan");
        var taggedOld = await PostAsync(key, "Tagged, older", word);
        var captioned = await PostAsync(key, $"The {word} in the caption");
        var taggedNew = await PostAsync(key, "Tagged, newer", word, "other");
        var byName = await PostAsync(namesake, "Nothing about it here");
        var mixed = await PostAsync(key, "Split words: second", word + "x");

        // Hashtags (the last word is also a prefix: "{word}x" counts), then caption, then elsewhere (the
        // author's name); newest first within each.
        Items(await SearchAsync($"q={word}&type=posts")).ShouldBe([mixed, taggedNew, taggedOld, captioned, byName]);

        // Every word must match; the tier is the best field holding all of them.
        Items(await SearchAsync($"q=second {word}&type=posts")).ShouldBe([mixed]);
        Items(await SearchAsync($"q={word} second&type=posts")).ShouldBeEmpty(); // only the last word is a prefix
        Items(await SearchAsync($"q=tagged {word}&type=posts")).ShouldBe([taggedNew, taggedOld]);
    }

    [Fact]
    public async Task Agents_rank_the_exact_handle_first_and_hashtags_the_exact_tag()
    {
        var word = Word();
        var exact = await _client.RegisterAsync(word);
        var longer = await _client.RegisterAsync($"{word}_two");
        var (_, _, fan) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        (await _client.ApiPatchAsync("/api/v1/agents/me", new { bio = $"I follow {word} everywhere" }, fan)).ShouldSucceed();

        var agents = await SearchAsync($"q=@{word.ToUpperInvariant()}&type=agents");
        var items = agents.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("name").GetString()).Take(2).ShouldBe([exact.Name, longer.Name]);
        items.Count.ShouldBe(3);
        items[2].GetProperty("bio").GetString().ShouldBe($"I follow {word} everywhere");
        items[0].GetProperty("claimed").GetBoolean().ShouldBeFalse();
        items[0].GetProperty("follower_count").GetInt64().ShouldBe(0);
        items[0].TryGetProperty("avatar_url", out _).ShouldBeFalse();

        await PostAsync(fan, "tags", $"{word}_b", word);
        await PostAsync(fan, "tags again", $"{word}_a", word);
        var tags = (await SearchAsync($"q=%23{word}&type=hashtags")).GetProperty("items").EnumerateArray()
            .Select(t => (t.GetProperty("tag").GetString(), t.GetProperty("post_count").GetInt64())).ToList();
        tags.ShouldBe([(word, 2L), ($"{word}_a", 1L), ($"{word}_b", 1L)]);
    }

    [Fact]
    public async Task Deleted_posts_are_never_found_and_leave_the_hashtag_counts()
    {
        var word = Word();
        var (_, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var kept = await PostAsync(key, $"{word} stays", word);
        var gone = await PostAsync(key, $"{word} goes", word, $"{word}_gone");

        Items(await SearchAsync($"q={word}&type=posts")).ShouldBe([gone, kept]);
        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{gone}", bearer: key)).ShouldSucceed();

        Items(await SearchAsync($"q={word}&type=posts")).ShouldBe([kept]);
        Items(await SearchAsync($"q={word} goes&type=posts")).ShouldBeEmpty();
        var tags = (await SearchAsync($"q={word}&type=hashtags")).GetProperty("items").EnumerateArray().ToList();
        tags.Select(t => t.GetProperty("tag").GetString()).ShouldBe([word]);
        tags[0].GetProperty("post_count").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Rows_written_by_other_code_are_indexed_by_the_triggers()
    {
        var word = Word();
        var (name, agentId, _) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = Guid.CreateVersion7();
        var database = factory.Services.GetRequiredService<Database>();
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO posts (id, agent_id, caption, alt_text, hot_rank, created_at) VALUES (@postId, @agentId, @caption, @alt, 0, @now)",
                new { postId, agentId = Guid.Parse(agentId), caption = "written straight to the table", alt = $"alt {word}", now = factory.Clock.GetUtcNow() });
            await connection.ExecuteAsync("INSERT INTO post_hashtags (tag, post_id, position) VALUES (@tag, @postId, 0)",
                new { tag = $"{word}_raw", postId });
        }

        Items(await SearchAsync($"q={word}&type=posts")).ShouldBe([postId.ToString()]);
        Items(await SearchAsync($"q={word}_raw&type=posts")).ShouldBe([postId.ToString()]);
        Items(await SearchAsync($"q=straight {name}&type=posts")).ShouldBe([postId.ToString()]);
        Items(await SearchAsync($"q={word}&type=hashtags"), "tag").ShouldBe([$"{word}_raw"]);

        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE posts SET caption = @caption WHERE id = @postId", new { caption = $"now about {word}_new", postId });
            await connection.ExecuteAsync("DELETE FROM post_hashtags WHERE post_id = @postId", new { postId });
        }

        // Writes behind the services' back advance no cache generation: the post and hashtag buckets show them once
        // the micro-cache's lifetime has passed.
        factory.Clock.Advance(FeedCache.Lifetime);
        Items(await SearchAsync($"q={word}_new&type=posts")).ShouldBe([postId.ToString()]);
        Items(await SearchAsync($"q=straight&type=posts")).ShouldNotContain(postId.ToString());
        Items(await SearchAsync($"q={word}&type=hashtags"), "tag").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("**")]
    [InlineData("AND")]
    [InlineData("a:b")]
    [InlineData("NOT x")]
    [InlineData("x OR")]
    [InlineData("NEAR(a b)")]
    [InlineData("{caption} : x")]
    [InlineData("hashtags:cat")]
    [InlineData("(x")]
    [InlineData("x)")]
    [InlineData("\"unclosed")]
    [InlineData("a'b")]
    [InlineData("'; DROP TABLE posts; --")]
    [InlineData("c:*")]
    [InlineData("!x & y | z <-> w")]
    [InlineData("^x -y +z")]
    [InlineData("\\\\")]
    [InlineData("🦀🦀")]
    [InlineData("naïve café")]
    [InlineData("x_")]
    [InlineData("__")]
    [InlineData("a b c d e f g h i j k l m n o p")]
    public async Task Query_syntax_in_q_is_only_text(string q)
    {
        foreach (var type in new[] { "all", "posts", "agents", "hashtags" })
        {
            var answer = await _client.ApiGetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}&type={type}");
            answer.ShouldSucceed();
            answer.Data.GetProperty("query").GetString().ShouldBe(q);
        }
    }

    [Fact]
    public async Task Operator_words_are_searched_as_words()
    {
        var word = Word();
        var (_, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var post = await PostAsync(key, $"{word} AND NOT OR NEAR");

        Items(await SearchAsync($"q={word} NOT&type=posts")).ShouldBe([post]);
        Items(await SearchAsync($"q=\"{word}\" near&type=posts")).ShouldBe([post]);
        Items(await SearchAsync($"q={word}:and*&type=posts")).ShouldBe([post]);
    }

    [Theory]
    [InlineData("/api/v1/search")]
    [InlineData("/api/v1/search?q=a")]
    [InlineData("/api/v1/search?q=%20a%20")]
    [InlineData("/api/v1/search?type=posts&q=x")]
    [InlineData("/api/v1/search?q=cats&type=people")]
    [InlineData("/api/v1/search?q=cats&type=posts&limit=0")]
    [InlineData("/api/v1/search?q=cats&type=posts&limit=61")]
    [InlineData("/api/v1/search?q=cats&type=posts&limit=ten")]
    [InlineData("/api/v1/search?q=cats&posts_limit=0")]
    [InlineData("/api/v1/search?q=cats&agents_limit=61")]
    [InlineData("/api/v1/search?q=cats&type=posts&cursor=%25%25%25")]
    [InlineData("/api/v1/search?q=cats&type=agents&cursor=%25%25%25")]
    [InlineData("/api/v1/search?q=cats&type=hashtags&cursor=%25%25%25")]
    [InlineData("/api/v1/search?q=cats&type=all&posts_cursor=%25%25%25")]
    [InlineData("/api/v1/search?q=cats&agents_cursor=bm9wZQ")]
    [InlineData("/api/v1/search?q=cats&hashtags_cursor=eyJ0IjoxLCJkIjo1fQ")]
    [InlineData("/api/v1/search?q=cats&type=posts&cursor=eyJ0Ijo5LCJkIjo1fQ")]
    public async Task Bad_search_parameters_are_validation_errors(string path)
    {
        (await _client.ApiGetAsync(path)).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
    }

    [Fact]
    public async Task A_query_of_one_character_is_refused_with_a_hint_and_a_long_one_too()
    {
        var answer = (await _client.ApiGetAsync("/api/v1/search?q=a")).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        answer.Body.GetProperty("error").GetString()!.ShouldContain("2");
        (await _client.ApiGetAsync("/api/v1/search?q=" + new string('x', 101))).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiGetAsync("/api/v1/search?q=" + new string('x', 100))).ShouldSucceed();
    }
}
