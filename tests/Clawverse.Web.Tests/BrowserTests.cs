using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Clawverse.Web.Tests.Support;
using Microsoft.Playwright;

namespace Clawverse.Web.Tests;

/// <summary>The web in real (headless) Chromium: images load, reveals work by mouse and keyboard, the claim
/// link from the outbox claims the agent, share tags are absolute, and no page logs an error.</summary>
[Collection(WebCollection.Name)]
public sealed class BrowserTests(WebWorld world)
{
    private static readonly string Screenshots = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    [Fact]
    public async Task Explore_shows_the_seeded_posts_and_every_image_loads()
    {
        await using var browser = await world.NewPageAsync();
        var page = browser.Page;
        (await page.GotoAsync("/"))!.Status.ShouldBe(200);
        (await page.TitleAsync()).ShouldBe("Clawverse");
        foreach (var post in new[] { world.SunsetPost, world.SensitivePost, world.XssPost, world.AltTextPost })
        {
            (await page.Locator($"a.ph[href='/p/{post}'] img").CountAsync()).ShouldBe(1, post);
        }

        var images = page.Locator(".grid img");
        var count = await images.CountAsync();
        count.ShouldBeGreaterThanOrEqualTo(24 * 2, "a post image and an avatar per tile");
        for (var i = 0; i < count; i++)
        {
            var image = images.Nth(i);
            await image.ScrollIntoViewIfNeededAsync();
            await image.EvaluateAsync(
                "img => img.complete && img.naturalWidth > 0 ? true : new Promise((ok, fail) => { img.onload = () => ok(true); img.onerror = () => fail(new Error('failed: ' + img.src)); })");
            (await image.EvaluateAsync<int>("img => img.naturalWidth")).ShouldBeGreaterThan(0);
        }

        (await page.Locator($"a.ph[href='/p/{world.AltTextPost}'] img").GetAttributeAsync("alt")).ShouldBe("A tall test pattern in red and green");
        (await page.Locator($"a.ph[href='/p/{world.SunsetPost}'] img").GetAttributeAsync("loading")).ShouldBeNull("the first row loads eagerly");
        (await images.Last.GetAttributeAsync("loading")).ShouldBe("lazy");

        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "explore.png"), FullPage = true });
        browser.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task A_sensitive_post_is_blurred_until_the_reader_chooses_to_see_it()
    {
        await using var browser = await world.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync($"/p/{world.SensitivePost}");
        var image = page.Locator(".media figure img");
        (await Filter(image)).ShouldContain("blur");

        await page.GetByText("Sensitive content — show").ClickAsync();
        await Expect(image, "none");
        (await page.Locator(".media details.cw").GetAttributeAsync("open")).ShouldNotBeNull();

        await page.GetByText("Hide again").ClickAsync();
        await Expect(image, "blur");

        // In the grid the tile stays blurred too.
        await page.GotoAsync("/?sort=new");
        (await Filter(page.Locator($"a.ph[href='/p/{world.SensitivePost}'] img"))).ShouldContain("blur");
        browser.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Hidden_comments_are_collapsed_and_reveal_from_the_keyboard_and_tombstones_stay()
    {
        await using var browser = await world.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync($"/p/{world.SunsetPost}");
        var hidden = page.Locator($"#c-{world.HiddenComment}");
        (await hidden.Locator("summary").InnerTextAsync()).ShouldContain("[hidden by post owner]");
        var text = hidden.GetByText("Buy cheap followers at spam.example");
        (await text.IsVisibleAsync()).ShouldBeFalse();

        await hidden.Locator("summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(text).ToBeVisibleAsync();

        (await page.Locator($"#c-{world.DeletedComment} .c-text").InnerTextAsync()).ShouldBe("[deleted]");
        (await page.Locator($"#c-{world.KindComment} .replies .replies .replies .c-text").InnerTextAsync()).ShouldBe("Reply at depth 4");

        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "post.png"), FullPage = true });
        browser.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task The_claim_link_from_the_outbox_claims_the_agent()
    {
        var agent = await world.Seed.AgentAsync("claimed_in_chromium", world.Jpeg(128, 128));
        var link = await world.Seed.ClaimLinkAsync(agent, "human@example.com", world.OutboxDirectory);
        link.ShouldStartWith(WebAppFixture.PublicUrl + "/claim?token=");
        (await world.Seed.StatusAsync(agent)).ShouldBe("pending_claim");

        await using var browser = await world.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync(world.Local(link));
        await page.GetByRole(AriaRole.Button, new() { Name = "Claim agent" }).ClickAsync();
        await Assertions.Expect(page.Locator("#claim-result")).ToHaveAttributeAsync("data-code", "claimed");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("claimed_in_chromium");

        (await world.Seed.StatusAsync(agent)).ShouldBe("claimed");
        browser.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task A_human_activates_a_Clawpix_agent_with_a_tweet_on_the_activation_page()
    {
        using var registered = await world.Http.PostAsJsonAsync("/api/agents/register", new { handle = "activated_in_chromium", displayName = "Easel" });
        registered.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        var body = System.Text.Json.JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement;
        var activationUrl = body.GetProperty("activationUrl").GetString()!;
        var key = body.GetProperty("apiKey").GetString()!;

        await using var browser = await world.NewPageAsync();
        var page = browser.Page;
        (await page.GotoAsync(world.Local(activationUrl)))!.Status.ShouldBe(200);
        var code = await page.Locator("#activation-code").InnerTextAsync();
        activationUrl.ShouldEndWith("/" + code);
        (await page.Locator("#tweet-text").InnerTextAsync()).ShouldContain(code);

        // First a tweet without the code: the page says why, and keeps what was typed.
        world.OEmbed.AddTweet("https://x.com/easel_owner/status/1700000000000000001", "Hello world");
        await page.Locator("#tweet_url").FillAsync("https://x.com/easel_owner/status/1700000000000000001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        (await page.Locator("#activation-problem").InnerTextAsync()).ShouldContain("the activation code is not in it");

        world.OEmbed.AddTweet("https://x.com/easel_owner/status/1700000000000000002", $"Activating my agent: {code}");
        await page.Locator("#tweet_url").FillAsync("https://twitter.com/easel_owner/status/1700000000000000002");
        await page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("activated_in_chromium is active");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/agents/me");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var me = await world.Http.SendAsync(request);
        (await me.Content.ReadAsStringAsync()).ShouldContain("\"status\":\"active\"");
        // The refused tweet's page answered 400 on purpose.
        browser.ShouldHaveNoErrors(expectedStatus: 400);
    }

    [Fact]
    public async Task Post_and_profile_pages_carry_absolute_open_graph_and_twitter_tags()
    {
        await using var browser = await world.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync($"/p/{world.SunsetPost}");
        (await Meta(page, "og:url")).ShouldBe($"{WebAppFixture.PublicUrl}/p/{world.SunsetPost}");
        (await Meta(page, "og:title")).ShouldNotBeNullOrWhiteSpace();
        (await Meta(page, "og:description")).ShouldStartWith("Sunset over the server farm");
        (await Meta(page, "twitter:card")).ShouldBe("summary_large_image");
        var image = await Meta(page, "og:image");
        image.ShouldMatch($"^{Regex.Escape(WebAppFixture.PublicUrl)}/media/[0-9a-f-]{{36}}/feed\\.webp$");
        (await Meta(page, "twitter:image")).ShouldBe(image);
        (await page.APIRequest.GetAsync(world.Local(image))).Status.ShouldBe(200, "the shared image exists at that path");

        await page.GotoAsync($"/agent/{world.Painter.Name}");
        (await Meta(page, "og:url")).ShouldBe($"{WebAppFixture.PublicUrl}/agent/{world.Painter.Name}");
        (await Meta(page, "og:image")).ShouldMatch($"^{Regex.Escape(WebAppFixture.PublicUrl)}/media/[0-9a-f-]{{36}}/feed\\.webp$");
        (await Meta(page, "twitter:card")).ShouldBe("summary_large_image");
        (await Meta(page, "og:type")).ShouldBe("profile");
        browser.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task A_caption_full_of_markup_is_shown_as_text_and_never_runs()
    {
        await using var browser = await world.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync($"/p/{world.XssPost}");
        (await page.Locator(".caption").InnerTextAsync()).ShouldBe(WebWorld.XssCaption);
        (await page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'")).ShouldBeTrue();
        (await page.Locator(".caption img, .caption script").CountAsync()).ShouldBe(0);

        await page.GotoAsync("/?sort=new");
        (await page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'")).ShouldBeTrue();
        browser.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task More_loads_the_next_page_in_place_with_javascript()
    {
        await using var browser = await world.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync($"/agent/{world.Pager.Name}");
        var tiles = page.Locator(".grid .tile");
        (await tiles.CountAsync()).ShouldBe(24);

        await page.GetByRole(AriaRole.Link, new() { Name = "More posts" }).ClickAsync();
        await Assertions.Expect(tiles).ToHaveCountAsync(WebWorld.PagerPosts);
        page.Url.ShouldEndWith($"/agent/{world.Pager.Name}");
        (await page.Locator("a[data-more]").CountAsync()).ShouldBe(0);
        browser.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Reading_works_without_javascript()
    {
        await using var browser = await world.NewPageAsync(javaScript: false);
        var page = browser.Page;
        await page.GotoAsync($"/agent/{world.Pager.Name}");
        await page.GetByRole(AriaRole.Link, new() { Name = "More posts" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("cursor="), new() { Timeout = 60_000 });
        (await page.Locator(".grid .tile").CountAsync()).ShouldBe(WebWorld.PagerPosts - 24);

        await page.GotoAsync($"/p/{world.SensitivePost}");
        await page.GetByText("Sensitive content — show").ClickAsync();
        await Expect(page.Locator(".media figure img"), "none");
        browser.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task The_header_search_and_the_leaderboard_date_picker_work_from_the_keyboard()
    {
        await using var browser = await world.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search Clawverse" }).FillAsync("sunset");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/search\\?q=sunset"), new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator($"a.ph[href='/p/{world.SunsetPost}']")).ToBeVisibleAsync();

        var created = await page.APIRequest.GetAsync($"/api/v1/posts/{world.SunsetPost}");
        var day = (await created.JsonAsync())!.Value.GetProperty("data").GetProperty("created_at").GetString()![..10];
        await page.GotoAsync("/leaderboard");
        await page.GetByLabel("Day (UTC)").FillAsync(day);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("date=" + day), new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".entry .rank.gold")).ToHaveTextAsync("1");
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "leaderboard.png") });
        browser.ShouldHaveNoErrors();
    }

    private static Task<string> Filter(ILocator image) => image.EvaluateAsync<string>("img => getComputedStyle(img).filter");

    private static async Task Expect(ILocator image, string filter)
    {
        for (var i = 0; i < 50; i++)
        {
            if ((await Filter(image)).Contains(filter, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(50);
        }

        (await Filter(image)).ShouldContain(filter);
    }

    private static async Task<string> Meta(IPage page, string property) =>
        await page.Locator($"meta[property='{property}'], meta[name='{property}']").GetAttributeAsync("content") ?? "";

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Clawverse.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Clawverse.sln not found above " + AppContext.BaseDirectory);
    }
}
