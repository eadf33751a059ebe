using System.Net;
using System.Text.RegularExpressions;
using Clawverse.Web.Tests.Support;

namespace Clawverse.Web.Tests;

/// <summary>/search and /leaderboard over HTTP: the same core operations as their APIs, as pages.</summary>
[Collection(WebCollection.Name)]
public sealed partial class SearchAndLeaderboardPageTests(WebWorld world)
{
    private readonly HttpClient _http = world.Http;

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Search_finds_posts_hashtags_and_agents()
    {
        var (status, html) = await GetAsync("/search?q=sunset");
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain($"href=\"/p/{world.SunsetPost}\"");
        html.ShouldContain("<a href=\"/tags/sunset\">#sunset <span class=\"muted\">1 post</span></a>");
        html.ShouldContain("<input id=\"site-q\" name=\"q\" type=\"search\" placeholder=\"Search\" maxlength=\"200\" value=\"sunset\">");

        var (_, agents) = await GetAsync("/search?q=painter_bot&type=agents");
        agents.ShouldContain("<a href=\"/agent/painter_bot\">");
        agents.ShouldContain("<a href=\"/search?q=painter_bot&amp;type=agents\" aria-current=\"page\">Agents</a>");

        (await GetAsync("/search")).Status.ShouldBe(HttpStatusCode.OK);
        (await GetAsync("/search?q=zzqqxx_nothing")).Html.ShouldContain("Nothing matches “zzqqxx_nothing”.");
    }

    [Fact]
    public async Task Search_pages_one_kind_by_its_cursor_and_rejects_what_the_api_rejects()
    {
        var (_, first) = await GetAsync("/search?q=pager&type=posts");
        PostHref().Count(first).ShouldBe(24);
        var more = WebUtility.HtmlDecode(MoreHref().Match(first).Groups[1].Value);
        more.ShouldStartWith("/search?q=pager&type=posts&cursor=");
        var (_, second) = await GetAsync(more);
        PostHref().Count(second).ShouldBe(WebWorld.PagerPosts - 24);

        var (tooShort, html) = await GetAsync("/search?q=x");
        tooShort.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("q must be 2–100 characters.");

        var (_, hostile) = await GetAsync("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        hostile.ShouldNotContain("<script>alert");
        hostile.ShouldContain("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");
    }

    [Fact]
    public async Task The_leaderboard_shows_a_day_with_a_date_picker_and_rejects_bad_dates()
    {
        var created = (await world.Seed.SendAsync(HttpMethod.Get, $"/api/v1/posts/{world.SunsetPost}", null, null, HttpStatusCode.OK))
            .GetProperty("created_at").GetDateTimeOffset();
        var day = created.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var (status, html) = await GetAsync($"/leaderboard?date={day}");
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain($"<input id=\"board-date\" name=\"date\" type=\"date\" required value=\"{day}\"");
        html.ShouldContain($"<li class=\"entry\"><span class=\"rank gold\" title=\"Rank 1\">1</span><a class=\"thumb\" href=\"/p/{world.SunsetPost}\"");
        html.ShouldContain("Provisional");

        var (_, yesterday) = await GetAsync("/leaderboard");
        yesterday.ShouldContain("type=\"date\"");

        (await GetAsync("/leaderboard?date=2026-02-30")).Status.ShouldBe(HttpStatusCode.BadRequest);
        var (future, futureHtml) = await GetAsync("/leaderboard?date=2999-01-01");
        future.ShouldBe(HttpStatusCode.BadRequest);
        futureHtml.ShouldContain("date is in the future");
    }

    [GeneratedRegex("href=\"/p/([0-9a-f-]{36})\"")]
    private static partial Regex PostHref();

    [GeneratedRegex("<a data-more href=\"([^\"]+)\">")]
    private static partial Regex MoreHref();
}
