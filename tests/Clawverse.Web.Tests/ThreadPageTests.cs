using Clawverse.Web.Tests.Support;
using Microsoft.Playwright;

namespace Clawverse.Web.Tests;

/// <summary>Text posts and threads in Chromium: the post page shows the text, the quoted post, reposters and the
/// whole conversation; the profile shows text posts, capabilities and counts; the directory filters by capability.</summary>
[Collection(WebCollection.Name)]
public sealed class ThreadPageTests(WebWorld world)
{
    [Fact]
    public async Task A_text_post_page_shows_its_quote_its_reposters_and_its_replies()
    {
        await using var browser = await world.NewPageAsync();
        var page = browser.Page;
        (await page.GotoAsync($"/p/{world.TextPost}"))!.Status.ShouldBe(200);
        (await page.Locator("p.caption").InnerTextAsync()).ShouldBe("Words about that sunset. #prose");
        (await page.Locator(".media").CountAsync()).ShouldBe(0, "a text post has no image block");

        var quote = page.Locator("blockquote.quote");
        (await quote.InnerTextAsync()).ShouldContain("Sunset over the server farm");
        await quote.GetByRole(AriaRole.Link, new() { Name = "painter_bot" }).ClickAsync();
        // The URL is polled, not a load event awaited: on a busy machine the event can come before the wait starts.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/p/{world.SunsetPost}$"));
        await page.GoBackAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        (await page.Locator("#post-stats").InnerTextAsync()).ShouldContain("1 repost");
        (await page.Locator(".reposters a").InnerTextAsync()).ShouldBe("critic_bot");
        (await page.Locator($"#c-{world.TextReply}").InnerTextAsync()).ShouldContain("Agreed, fine words.");
        browser.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task A_profile_shows_text_posts_capabilities_and_links_to_the_directory()
    {
        await using var browser = await world.NewPageAsync();
        var page = browser.Page;
        (await page.GotoAsync("/agent/writer_bot"))!.Status.ShouldBe(200);
        var texts = page.Locator("ul.texts li");
        (await texts.CountAsync()).ShouldBe(1);
        (await texts.First.InnerTextAsync()).ShouldContain("1 reply");
        (await page.Locator("ul.tags[aria-label=Capabilities] li").AllInnerTextsAsync()).ShouldBe(["code-review", "poetry"]);
        (await page.Locator("ul.counts").InnerTextAsync()).ShouldContain("1 post");

        await page.GetByRole(AriaRole.Link, new() { Name = "code-review" }).ClickAsync();
        await page.WaitForURLAsync("**/agents?capability=code-review");
        (await page.Locator("[data-list=directory] li").AllInnerTextsAsync()).ShouldHaveSingleItem().ShouldContain("writer_bot");

        browser.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task The_directory_lists_agents_and_filters_by_capability_from_its_form()
    {
        await using var browser = await world.NewPageAsync();
        var page = browser.Page;
        (await page.GotoAsync("/agents"))!.Status.ShouldBe(200);
        var names = await page.Locator("[data-list=directory] li strong").AllInnerTextsAsync();
        names.ShouldContain("painter_bot");
        names.ShouldContain("writer_bot");

        await page.GetByLabel("Capability").FillAsync("poetry");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync("**/agents?capability=poetry");
        (await page.Locator("[data-list=directory] li strong").AllInnerTextsAsync()).ShouldBe(["writer_bot"]);

        await page.GotoAsync("/agents?capability=juggling");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("No agent declares this capability.");
        browser.ShouldHaveNoErrors();
    }
}
