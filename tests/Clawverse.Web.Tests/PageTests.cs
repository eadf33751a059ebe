using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Clawverse.Web.Tests.Support;
using Xunit.Abstractions;

namespace Clawverse.Web.Tests;

/// <summary>The pages over plain HTTP: status codes, caching, size, encoding, paging without JavaScript.</summary>
[Collection(WebCollection.Name)]
public sealed partial class PageTests(WebWorld world, ITestOutputHelper output)
{
    private readonly HttpClient _http = world.Http;

    private async Task<(HttpResponseMessage Response, string Html)> GetAsync(string path)
    {
        var response = await _http.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static List<string> PostLinks(string html) =>
        PostHref().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();

    [Fact]
    public async Task Explore_is_cacheable_html_with_an_etag_and_answers_304_when_unchanged()
    {
        var (response, html) = await GetAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/html; charset=utf-8");
        response.Headers.CacheControl!.ToString().ShouldBe("public, max-age=30");
        var etag = response.Headers.ETag.ShouldNotBeNull();
        html.ShouldStartWith("<!doctype html><html lang=\"en\">");
        PostLinks(html).ShouldContain(world.SunsetPost);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _http.SendAsync(again);
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await notModified.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        notModified.Headers.ETag.ShouldBe(etag);

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        (await _http.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_full_explore_page_with_its_stylesheet_stays_under_60_KB()
    {
        var (_, html) = await GetAsync("/");
        PostLinks(html).Count.ShouldBe(24);
        var css = Regex.Match(html, "href=\"(/assets/site\\.css\\?v=[0-9a-f]+)\"").Groups[1].Value;
        var cssResponse = await _http.GetAsync(css);
        cssResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        cssResponse.Headers.CacheControl!.ToString().ShouldContain("immutable");
        var cssBytes = (await cssResponse.Content.ReadAsByteArrayAsync()).Length;
        var htmlBytes = System.Text.Encoding.UTF8.GetByteCount(html);
        output.WriteLine($"explore: {htmlBytes} bytes of HTML + {cssBytes} bytes of CSS = {htmlBytes + cssBytes}");
        (htmlBytes + cssBytes).ShouldBeLessThan(60 * 1024);
    }

    [Theory]
    [InlineData("/p/00000000-0000-7000-8000-000000000000")]
    [InlineData("/p/not-a-post")]
    [InlineData("/agent/nobody_goes_by_this")]
    [InlineData("/agent/x")]
    [InlineData("/tags/not-a-tag!")]
    public async Task Unknown_posts_agents_and_tags_are_404_pages(string path)
    {
        var (response, html) = await GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Headers.ETag.ShouldBeNull();
        html.ShouldContain("<meta name=\"robots\" content=\"noindex\">");
        html.ShouldContain("<h1>");
    }

    [Fact]
    public async Task A_deleted_post_is_gone_from_its_page_and_head_requests_get_headers_only()
    {
        var doomed = await world.Seed.PostAsync(world.Critic, world.Jpeg(200, 200), "Soon gone");
        (await _http.GetAsync($"/p/{doomed}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/p/{doomed}"));
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.Headers.ETag.ShouldNotBeNull();
        (await head.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();

        await world.Seed.SendAsync(HttpMethod.Delete, $"/api/v1/posts/{doomed}", null, world.Critic.Key, HttpStatusCode.OK);
        (await _http.GetAsync($"/p/{doomed}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_comment_on_a_real_post_is_a_404_page()
    {
        (await _http.GetAsync($"/p/{world.SunsetPost}/c/00000000-0000-7000-8000-000000000000")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _http.GetAsync($"/p/{world.SensitivePost}/c/{world.KindComment}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/?cursor=%25%25%25")]
    [InlineData("/?sort=new&cursor=bm90LWpzb24")]
    public async Task A_broken_cursor_is_a_400_page_not_a_500(string path)
    {
        var (response, html) = await GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("cursor is not valid");
    }

    [Fact]
    public async Task Every_user_string_is_html_encoded()
    {
        var (response, html) = await GetAsync($"/p/{world.XssPost}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldNotContain("<script>window");
        html.ShouldNotContain("<img src=x");
        html.ShouldContain("&lt;script&gt;window.__xss = 1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__xss = 2&quot;&gt; Tom &amp; &quot;Jerry&quot;");
        Regex.Count(html, "<script").ShouldBe(1, "only the site's own deferred script");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");

        var (_, explore) = await GetAsync("/?sort=new");
        explore.ShouldNotContain("<script>window");
        explore.ShouldContain("alt=\"&lt;script&gt;");
    }

    [Fact]
    public async Task Fresh_lists_newest_first_and_trending_is_the_default_tab()
    {
        var (_, fresh) = await GetAsync("/?sort=new");
        var links = PostLinks(fresh);
        links.IndexOf(world.SunsetPost).ShouldBeLessThan(links.IndexOf(world.SensitivePost));
        links.IndexOf(world.SensitivePost).ShouldBeLessThan(links.IndexOf(world.XssPost));
        fresh.ShouldContain("<a href=\"/?sort=new\" aria-current=\"page\">Fresh</a>");

        var (_, trending) = await GetAsync("/");
        trending.ShouldContain("<a href=\"/\" aria-current=\"page\">Trending</a>");
        trending.ShouldContain("<a href=\"/tags/sunset\">#sunset</a>");
    }

    [Fact]
    public async Task More_links_page_through_everything_without_javascript()
    {
        var seen = new List<string>();
        string? next = $"/agent/{world.Pager.Name}";
        var pages = 0;
        while (next is not null)
        {
            var (response, html) = await GetAsync(next);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            seen.AddRange(PostLinks(html));
            next = MoreHref().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
            (++pages).ShouldBeLessThan(5);
        }

        pages.ShouldBe(2);
        seen.Count.ShouldBe(WebWorld.PagerPosts);
        seen.Distinct().Count().ShouldBe(WebWorld.PagerPosts);
    }

    [Fact]
    public async Task A_profile_shows_avatar_bio_counts_and_a_nofollow_website_link()
    {
        var agent = await world.Seed.AgentAsync("site_bot", world.Jpeg(256, 256));
        var link = await world.Seed.ClaimLinkAsync(agent, "site-owner@example.com", world.OutboxDirectory);
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        await world.Seed.SendAsync(HttpMethod.Post, "/api/v1/owner/email/complete", new { token = Uri.UnescapeDataString(token) }, null, HttpStatusCode.OK);
        await world.Seed.SendAsync(HttpMethod.Patch, "/api/v1/agents/me",
            new { bio = "I paint <b>pixels</b>", website_url = "https://example.com/site_bot" }, agent.Key, HttpStatusCode.OK);
        await world.Seed.PostAsync(agent, world.Jpeg(300, 300), "Hello");

        var (response, html) = await GetAsync("/agent/SITE_BOT");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<h1 id=\"agent-h\">site_bot <span class=\"pill\"");
        html.ShouldContain("I paint &lt;b&gt;pixels&lt;/b&gt;");
        html.ShouldContain("<a href=\"https://example.com/site_bot\" rel=\"nofollow ugc noopener noreferrer\">example.com/site_bot</a>");
        html.ShouldContain("<strong>1</strong> post</li>");
        html.ShouldContain("alt=\"site_bot's avatar\"");
        PostLinks(html).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_hashtag_box_redirects_to_the_tag_page_which_lists_its_posts()
    {
        var redirect = await _http.GetAsync("/tags?tag=%23Sunset");
        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        redirect.Headers.Location!.ToString().ShouldBe("/tags/sunset");

        var (response, html) = await GetAsync("/tags/sunset");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<h1>#sunset</h1>");
        PostLinks(html).ShouldBe([world.SunsetPost]);
        (await GetAsync("/tags/nothing_tagged_here")).Html.ShouldContain("No posts with #nothing_tagged_here yet.");
    }

    [Fact]
    public async Task The_post_page_shows_the_thread_with_tombstones_hidden_comments_and_deep_replies_behind_a_link()
    {
        var (response, html) = await GetAsync($"/p/{world.SunsetPost}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<p class=\"caption\">Sunset over the server farm&#xA;second line</p>");
        html.ShouldContain("<strong>1</strong> like</span>");
        html.ShouldContain($"<li class=\"comment\" id=\"c-{world.DeletedComment}\"><div class=\"c-box\"><p class=\"c-text tomb\">[deleted]</p>");
        html.ShouldNotContain("I take this back");
        html.ShouldContain($"<li class=\"comment\" id=\"c-{world.HiddenComment}\"><div class=\"c-box\"><details class=\"c-hidden\"><summary>[hidden by post owner]");
        html.ShouldContain("Lovely colours!");

        // Three levels of replies show inline; the fourth is one link away.
        html.ShouldContain("Reply at depth 4");
        html.ShouldNotContain("Reply at depth 5");
        var deeper = $"/p/{world.SunsetPost}/c/{world.ReplyChain[2]}";
        html.ShouldContain($"<a class=\"more-replies\" href=\"{deeper}\">View 1 reply</a>");
        var (deepResponse, deepHtml) = await GetAsync(deeper);
        deepResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        deepHtml.ShouldContain("Reply at depth 5");
    }

    [Fact]
    public async Task Share_tags_use_absolute_public_urls_and_a_sensitive_post_never_unfurls_its_image()
    {
        var (_, html) = await GetAsync($"/p/{world.SunsetPost}");
        Meta(html, "og:url").ShouldBe($"{WebAppFixture.PublicUrl}/p/{world.SunsetPost}");
        Meta(html, "og:image").ShouldMatch($"^{Regex.Escape(WebAppFixture.PublicUrl)}/media/[0-9a-f-]{{36}}/feed\\.webp$");
        Meta(html, "twitter:card").ShouldBe("summary_large_image");
        Meta(html, "og:title").ShouldBe("painter_bot: “Sunset over the server farm second line”");

        var (_, sensitive) = await GetAsync($"/p/{world.SensitivePost}");
        Meta(sensitive, "twitter:card").ShouldBe("summary");
        Meta(sensitive, "og:image").ShouldEndWith("/thumb.webp");
        var postImage = Regex.Match(sensitive, "<figure><img src=\"/media/([0-9a-f-]{36})/full\\.webp\"").Groups[1].Value;
        postImage.ShouldNotBeEmpty();
        Meta(sensitive, "og:image").ShouldNotContain(postImage);
    }

    [Fact]
    public async Task Claim_pages_and_assets_set_their_own_caching()
    {
        var claim = await _http.GetAsync("/claim?token=claw_owner_email_whatever");
        claim.Headers.CacheControl!.NoStore.ShouldBeTrue();
        claim.Headers.ETag.ShouldBeNull();

        var js = await _http.GetAsync("/assets/site.js");
        js.StatusCode.ShouldBe(HttpStatusCode.OK);
        js.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        (await _http.GetAsync("/assets/nothing.css")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_current_content_hash_of_an_asset_is_cached_forever()
    {
        var (_, html) = await GetAsync("/");
        var script = Regex.Match(html, "src=\"(/assets/site\\.js\\?v=[0-9a-f]+)\"").Groups[1].Value;
        script.ShouldNotBeEmpty();
        (await _http.GetAsync(script)).Headers.CacheControl!.ToString().ShouldBe("public, max-age=31536000, immutable");

        var stale = await _http.GetAsync("/assets/site.js?v=000000000000");
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        stale.Headers.CacheControl!.ToString().ShouldBe("public, max-age=300");
    }

    private static string Meta(string html, string property) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<meta (?:property|name)=\"{Regex.Escape(property)}\" content=\"([^\"]*)\">").Groups[1].Value);

    [GeneratedRegex("href=\"/p/([0-9a-f-]{36})\"")]
    private static partial Regex PostHref();

    [GeneratedRegex("<a data-more href=\"([^\"]+)\">")]
    private static partial Regex MoreHref();
}
