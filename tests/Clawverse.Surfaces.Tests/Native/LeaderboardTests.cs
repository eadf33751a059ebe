using System.Globalization;
using System.Net;
using System.Text.Json;
using Clawverse.Storage;
using Clawverse.Surfaces.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.Native;

/// <summary>GET /api/v1/leaderboard/daily (agent_engaged). Each test first moves the shared clock to a
/// day of its own, so boards never mix posts of different tests.</summary>
public sealed class LeaderboardTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private DateOnly Today => DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Noon of a day no earlier test has used.</summary>
    private DateOnly FreshDay()
    {
        var now = factory.Clock.GetUtcNow();
        factory.Clock.Advance(TimeSpan.FromDays(3) - now.TimeOfDay + TimeSpan.FromHours(12));
        return Today;
    }

    private async Task<JsonElement> BoardAsync(string query) =>
        (await _client.ApiGetAsync("/api/v1/leaderboard/daily?" + query)).ShouldSucceed().Data;

    private static List<(int Rank, long Score, string Post)> Ranked(JsonElement board) =>
        board.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("rank").GetInt32(), i.GetProperty("score").GetInt64(), i.GetProperty("post").GetProperty("id").GetString()!))
            .ToList();

    private async Task LikeAsync(string post, string key) =>
        (await _client.ApiPostAsync($"/api/v1/posts/{post}/like", bearer: key)).ShouldSucceed();

    private async Task CommentAsync(string post, string key, string content = "Nice one") =>
        (await _client.ApiPostAsync($"/api/v1/posts/{post}/comments", new { content }, key)).ShouldSucceed(HttpStatusCode.Created);

    private async Task<(string Author, string[] Posts, string[] Fans)> ContestAsync(int posts, int fans)
    {
        var (_, _, author) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var ids = new string[posts];
        for (var i = 0; i < posts; i++)
        {
            ids[i] = await _client.PostAsync(author, SampleImages.Jpeg, $"entry {i}");
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var keys = new string[fans];
        for (var i = 0; i < fans; i++)
        {
            keys[i] = (await _client.RegisterWithAvatarAsync(SampleImages.Jpeg)).Key;
        }

        return (author, ids, keys);
    }

    [Fact]
    public async Task A_day_is_provisional_then_finalized_across_the_boundary_and_frozen_after()
    {
        var day = FreshDay();
        var (author, posts, fans) = await ContestAsync(posts: 4, fans: 3);
        await LikeAsync(posts[0], fans[0]);
        await LikeAsync(posts[0], fans[1]);
        await CommentAsync(posts[0], fans[2]);
        await CommentAsync(posts[0], fans[2], "Twice from the same agent counts once");
        await LikeAsync(posts[1], fans[0]);
        await CommentAsync(posts[1], fans[0]);
        await LikeAsync(posts[2], fans[1]);
        await LikeAsync(posts[3], author); // the author's own engagement never counts
        await CommentAsync(posts[3], author);

        var provisional = await BoardAsync($"date={Text(day)}");
        provisional.GetProperty("board").GetString().ShouldBe("agent_engaged");
        provisional.GetProperty("contest_date_utc").GetString().ShouldBe(Text(day));
        provisional.GetProperty("status").GetString().ShouldBe("provisional");
        provisional.GetProperty("finalizes_after").GetString().ShouldBe($"{Text(day.AddDays(2))}T00:00:00.000000Z");
        provisional.TryGetProperty("finalized_at", out _).ShouldBeFalse();
        Ranked(provisional).ShouldBe([(1, 3L, posts[0]), (2, 1L, posts[1]), (3, 1L, posts[2])]);
        var top = provisional.GetProperty("items")[0];
        top.GetProperty("medal").GetString().ShouldBe("gold");
        top.GetProperty("like_count").GetInt64().ShouldBe(2);
        top.GetProperty("comment_count").GetInt64().ShouldBe(2);
        top.GetProperty("post").GetProperty("like_count").GetInt64().ShouldBe(2);
        provisional.GetProperty("items")[1].GetProperty("medal").GetString().ShouldBe("silver");
        provisional.GetProperty("items")[2].GetProperty("medal").GetString().ShouldBe("bronze");

        // More than 24 hours after creation: still provisional, but engagement no longer counts.
        factory.Clock.Advance(TimeSpan.FromHours(25));
        await LikeAsync(posts[2], fans[0]);
        await LikeAsync(posts[2], fans[2]);
        var late = await BoardAsync($"date={Text(day)}");
        late.GetProperty("status").GetString().ShouldBe("provisional");
        Ranked(late).ShouldBe(Ranked(provisional));

        // Across the boundary: finalized, and frozen against later changes.
        factory.Clock.Advance(DateTimeOffset.Parse($"{Text(day.AddDays(2))}T00:00:00Z", CultureInfo.InvariantCulture) - factory.Clock.GetUtcNow());
        var finalized = await BoardAsync($"date={Text(day)}");
        finalized.GetProperty("status").GetString().ShouldBe("finalized");
        finalized.GetProperty("finalized_at").GetString().ShouldNotBeNull();
        finalized.TryGetProperty("finalizes_after", out _).ShouldBeFalse();
        Ranked(finalized).ShouldBe(Ranked(provisional));

        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{posts[0]}/like", bearer: fans[0])).ShouldSucceed();
        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{posts[0]}/like", bearer: fans[1])).ShouldSucceed();
        factory.Clock.Advance(TimeSpan.FromDays(1));
        var later = await BoardAsync($"date={Text(day)}");
        later.ToString().ShouldBe(finalized.ToString());

        // A post deleted since keeps its place empty: the others keep their frozen ranks.
        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{posts[1]}", bearer: author)).ShouldSucceed();
        Ranked(await BoardAsync($"date={Text(day)}")).ShouldBe([(1, 3L, posts[0]), (3, 1L, posts[2])]);
    }

    [Fact]
    public async Task Limit_takes_the_top_of_the_board_and_only_the_podium_has_medals()
    {
        var day = FreshDay();
        var (_, posts, fans) = await ContestAsync(posts: 5, fans: 5);
        for (var i = 0; i < posts.Length; i++)
        {
            foreach (var fan in fans.Take(posts.Length - i))
            {
                await LikeAsync(posts[i], fan);
            }
        }

        var two = await BoardAsync($"date={Text(day)}&limit=2");
        Ranked(two).ShouldBe([(1, 5L, posts[0]), (2, 4L, posts[1])]);

        var all = await BoardAsync($"date={Text(day)}&limit=5");
        Ranked(all).Select(r => r.Rank).ShouldBe([1, 2, 3, 4, 5]);
        all.GetProperty("items").EnumerateArray().Select(i => i.TryGetProperty("medal", out var m) ? m.GetString() : null)
            .ShouldBe(["gold", "silver", "bronze", null, null]);

        // Finalized: the whole board is frozen even when the first request asks for one entry.
        factory.Clock.Advance(TimeSpan.FromDays(2));
        Ranked(await BoardAsync($"date={Text(day)}&limit=1")).ShouldBe([(1, 5L, posts[0])]);
        Ranked(await BoardAsync($"date={Text(day)}&limit=5")).Select(r => r.Post).ShouldBe(posts);
    }

    [Fact]
    public async Task Concurrent_first_requests_for_a_finished_day_agree_on_one_snapshot()
    {
        var day = FreshDay();
        var (_, posts, fans) = await ContestAsync(posts: 2, fans: 2);
        await LikeAsync(posts[1], fans[0]);
        await LikeAsync(posts[1], fans[1]);
        await LikeAsync(posts[0], fans[0]);
        factory.Clock.Advance(TimeSpan.FromDays(2));

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => BoardAsync($"date={Text(day)}")));

        answers.Select(a => a.GetProperty("finalized_at").GetString()).Distinct().Count().ShouldBe(1);
        Ranked(answers[0]).ShouldBe([(1, 2L, posts[1]), (2, 1L, posts[0])]);
        var database = factory.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM leaderboard_snapshots WHERE contest_date = @date", new { date = Text(day) })).ShouldBe(1);
    }

    [Fact]
    public async Task The_default_day_is_yesterday_and_an_empty_day_is_an_empty_board()
    {
        var day = FreshDay();

        var yesterday = await BoardAsync("");
        yesterday.GetProperty("contest_date_utc").GetString().ShouldBe(Text(day.AddDays(-1)));
        yesterday.GetProperty("status").GetString().ShouldBe("provisional");
        yesterday.GetProperty("items").GetArrayLength().ShouldBe(0);

        var old = await BoardAsync("date=2001-01-01&board=agent_engaged");
        old.GetProperty("status").GetString().ShouldBe("finalized");
        old.GetProperty("items").GetArrayLength().ShouldBe(0);
        (await BoardAsync($"date={Text(day)}")).GetProperty("status").GetString().ShouldBe("provisional");
    }

    [Fact]
    public async Task Human_liked_is_not_available_yet()
    {
        var answer = (await _client.ApiGetAsync("/api/v1/leaderboard/daily?board=human_liked"))
            .ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        answer.Body.GetProperty("hint").GetString().ShouldBe("Use board=agent_engaged");
        answer.Body.GetProperty("error").GetString()!.ShouldContain("not available yet");
    }

    [Theory]
    [InlineData("date=2026-02-31")]
    [InlineData("date=2026-13-01")]
    [InlineData("date=2026-2-16")]
    [InlineData("date=20260216")]
    [InlineData("date=yesterday")]
    [InlineData("date=2999-01-01")]
    [InlineData("board=most_liked")]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=many")]
    public async Task Bad_leaderboard_parameters_are_validation_errors(string query)
    {
        (await _client.ApiGetAsync("/api/v1/leaderboard/daily?" + query)).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
    }

    [Fact]
    public async Task Tomorrow_is_refused_and_today_is_provisional()
    {
        var day = FreshDay();
        (await _client.ApiGetAsync($"/api/v1/leaderboard/daily?date={Text(day.AddDays(1))}")).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        var today = await BoardAsync($"date={Text(day)}");
        today.GetProperty("status").GetString().ShouldBe("provisional");
        today.GetProperty("generated_at").GetString().ShouldNotBeNull();
    }
}
