using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Clawverse.Web.Avatars;
using Clawverse.Web.Rendering;
using Clawverse.Web.Shared;
using Clawverse.Web.Tests.Support;

namespace Clawverse.Web.Tests;

/// <summary>The ClawVatar pages over plain HTTP: the gallery's cards, filters and numbered pages, and the share
/// page's tags, badges, countdown and attribution, on avatars made through the core.</summary>
public sealed class AvatarPageTests(AvatarWorld world) : IClassFixture<AvatarWorld>
{
    private static readonly HtmlParser Parser = new();

    private async Task<(HttpResponseMessage Response, IDocument Page)> GetAsync(string path)
    {
        var response = await world.Http.GetAsync(path);
        return (response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    private static List<string> Cards(IDocument page) =>
        page.QuerySelectorAll(".avatars li[data-pseudonym]").Select(li => li.GetAttribute("data-pseudonym")!).ToList();

    private static IElement Card(IDocument page, string pseudonym) =>
        page.QuerySelector($".avatars li[data-pseudonym='{pseudonym}']").ShouldNotBeNull(pseudonym);

    private static List<string> Marks(IElement scope, string selector) =>
        scope.QuerySelectorAll(selector).Select(e => e.TextContent).ToList();

    private static string? Meta(IDocument page, string name) =>
        page.QuerySelector($"meta[property='{name}'], meta[name='{name}']")?.GetAttribute("content");

    [Fact]
    public async Task The_gallery_shows_public_avatars_as_cards_with_tier_badges_attribution_and_owner_type()
    {
        var (response, page) = await GetAsync("/avatars");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.ToString().ShouldBe(HtmlResult.PublicCacheControl);
        var cards = Cards(page);
        cards.Take(4).ShouldBe(["CoolBot42", "ForeverFace", "FounderBot", "HumanFace"], "newest first");
        cards.Count.ShouldBe(24);
        cards.ShouldNotContain("SecretBot", "a private avatar is never listed");

        var cool = Card(page, "CoolBot42");
        cool.QuerySelector(".title a")!.GetAttribute("href").ShouldBe("/avatar/CoolBot42");
        cool.QuerySelector("img")!.GetAttribute("src").ShouldBe($"/media/{world.CoolBot.Avatar.MediaId}/thumb.webp");
        Marks(cool, ".marks span").ShouldBe(["AI", "by Claude"], "unverified: no badge");
        cool.QuerySelector(".av-bio")!.TextContent.ShouldBe("A friendly bot avatar");
        Marks(Card(page, "FounderBot"), ".marks .tier").ShouldBe(["Founder", "Locked", "Verified"]);
        Marks(Card(page, "ForeverFace"), ".marks .tier").ShouldBe(["Forever", "Verified"]);
        Marks(Card(page, "HumanFace"), ".marks span").ShouldBe(["Verified", "Human", "by GPT"]);

        var scripts = page.QuerySelectorAll("script").Select(s => s.GetAttribute("src")).ToList();
        scripts.ShouldBe([StaticAssets.Url(StaticAssets.Script), StaticAssets.Url(StaticAssets.ClawVatarSdk)], "the SDK, and no inline script");
        page.QuerySelector("#av-total")!.TextContent.ShouldBe($"{AvatarWorld.PagingAvatars + 4} public avatars");
    }

    [Theory]
    [InlineData("/avatars?ownerType=HUMAN", new[] { "ForeverFace", "HumanFace" })]
    [InlineData("/avatars?ownerType=human", new[] { "ForeverFace", "HumanFace" })]
    [InlineData("/avatars?ownerType=AI&search=bot", new[] { "CoolBot42", "FounderBot" })]
    [InlineData("/avatars?search=COOL", new[] { "CoolBot42" })]
    [InlineData("/avatars?tag=robot", new[] { "CoolBot42" })]
    [InlineData("/avatars?tag=Eternal&ownerType=HUMAN", new[] { "ForeverFace" })]
    [InlineData("/avatars?search=secret", new string[0])]
    public async Task The_gallery_filters_by_owner_type_pseudonym_and_tag(string path, string[] expected)
    {
        var (response, page) = await GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Cards(page).ShouldBe(expected);
        if (expected.Length == 0)
        {
            page.QuerySelector(".empty")!.TextContent.ShouldBe("No public avatar matches these filters.");
        }

        page.QuerySelector("meta[name='robots']")!.GetAttribute("content").ShouldBe("noindex", "a filtered gallery is not indexed");
    }

    [Fact]
    public async Task The_filter_form_is_a_GET_form_that_keeps_what_was_asked()
    {
        var (_, page) = await GetAsync("/avatars?ownerType=AI&search=pager&tag=pagingtag");
        var form = page.QuerySelector("form.filters")!;
        form.GetAttribute("method").ShouldBe("get");
        form.GetAttribute("action").ShouldBe("/avatars");
        form.QuerySelector("select[name='ownerType'] option[selected]")!.GetAttribute("value").ShouldBe("AI");
        form.QuerySelector("input[name='search']")!.GetAttribute("value").ShouldBe("pager");
        form.QuerySelector("input[name='tag']")!.GetAttribute("value").ShouldBe("pagingtag");
    }

    [Fact]
    public async Task The_gallery_pages_by_number_24_at_a_time_and_its_links_keep_the_filters()
    {
        var (_, first) = await GetAsync("/avatars?ownerType=AI&search=pager&tag=pagingtag");
        Cards(first).Count.ShouldBe(24);
        first.QuerySelector("a[rel='prev']").ShouldBeNull();
        var next = first.QuerySelector("a[rel='next']")!.GetAttribute("href")!;
        next.ShouldBe("/avatars?ownerType=AI&search=pager&tag=pagingtag&page=1");
        first.QuerySelector(".pager span")!.TextContent.ShouldBe("Page 1 of 2");

        var (response, second) = await GetAsync(next);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Cards(second).ShouldBe(["pager-01", "pager-00"], "the oldest two, newest first");
        second.QuerySelector("a[rel='next']").ShouldBeNull();
        second.QuerySelector("a[rel='prev']")!.GetAttribute("href").ShouldBe("/avatars?ownerType=AI&search=pager&tag=pagingtag");
        second.QuerySelector(".pager span")!.TextContent.ShouldBe("Page 2 of 2");
        Cards(first).Concat(Cards(second)).Distinct().Count().ShouldBe(AvatarWorld.PagingAvatars);

        // Past the end: no cards, and the way back leads to the last page that has some.
        var (_, beyond) = await GetAsync("/avatars?tag=pagingtag&page=7");
        Cards(beyond).ShouldBeEmpty();
        beyond.QuerySelector(".empty")!.TextContent.ShouldBe("No avatars on this page.");
        beyond.QuerySelector("a[rel='prev']")!.GetAttribute("href").ShouldBe("/avatars?tag=pagingtag&page=1");
    }

    [Theory]
    [InlineData("/avatars?ownerType=robot")]
    [InlineData("/avatars?page=-1")]
    [InlineData("/avatars?page=two")]
    public async Task A_malformed_filter_or_page_is_a_400_page_that_says_why(string path)
    {
        var (response, page) = await GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        page.QuerySelector("[role='alert']")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        page.QuerySelector("form.filters").ShouldNotBeNull("the form stays, to fix the filter");
    }

    [Fact]
    public async Task The_share_page_carries_absolute_open_graph_and_twitter_tags_with_the_full_image()
    {
        var (response, page) = await GetAsync("/avatar/coolbot42");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var image = $"{WebAppFixture.PublicUrl}/media/{world.CoolBot.Avatar.MediaId}/full.webp";
        Meta(page, "og:title").ShouldBe("CoolBot42", "the pseudonym as stored, whatever case the link used");
        Meta(page, "og:description").ShouldBe("A friendly bot avatar");
        Meta(page, "og:url").ShouldBe(WebAppFixture.PublicUrl + "/avatar/CoolBot42");
        page.QuerySelector("link[rel='canonical']")!.GetAttribute("href").ShouldBe(WebAppFixture.PublicUrl + "/avatar/CoolBot42");
        Meta(page, "og:image").ShouldBe(image);
        Meta(page, "og:image:width").ShouldBe("64");
        Meta(page, "twitter:card").ShouldBe("summary_large_image");
        Meta(page, "twitter:image").ShouldBe(image);
        Meta(page, "twitter:title").ShouldBe("CoolBot42");
        page.Title.ShouldBe("CoolBot42 · Clawverse");
        (await world.Http.GetAsync(world.Local(image))).StatusCode.ShouldBe(HttpStatusCode.OK, "the shared image is served");

        var (_, founder) = await GetAsync("/avatar/FounderBot");
        Meta(founder, "og:description").ShouldBe(AvatarView.DefaultDescription(world.Founder.Avatar), "no bio: the default");
        Meta(founder, "og:description").ShouldBe("FounderBot, an AI's avatar in the Clawverse avatar gallery.");
    }

    [Fact]
    public async Task The_share_page_of_an_unverified_avatar_shows_its_countdown_attribution_tags_and_bio()
    {
        var (_, page) = await GetAsync("/avatar/CoolBot42");
        var main = page.QuerySelector("main")!;
        main.QuerySelector("h1")!.TextContent.ShouldBe("CoolBot42");
        main.QuerySelector(".created-by")!.TextContent.ShouldBe("Created by Claude");
        main.QuerySelector(".caption")!.TextContent.ShouldBe("A friendly bot avatar");
        main.QuerySelector(".marks").ShouldBeNull("an unverified avatar has no badge");
        main.QuerySelector("#av-tier")!.TextContent.ShouldBe("Unverified");

        var expiry = main.QuerySelector("#av-expiry time")!;
        expiry.GetAttribute("datetime").ShouldBe(WebMedia.MachineDate(world.CoolBot.Avatar.ExpiresAt!.Value));
        DateTimeOffset.Parse(expiry.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(DateTimeOffset.UtcNow.AddDays(30), TimeSpan.FromMinutes(10));
        expiry.TextContent.ShouldBe("in 30 days");
        main.QuerySelector("#av-expiry")!.TextContent.ShouldBe("Unverified: expires in 30 days unless it is verified.");

        main.QuerySelectorAll(".tags a").Select(a => (a.TextContent, a.GetAttribute("href"))).ShouldBe(
            [("#robot", "/avatars?tag=robot"), ("#cute", "/avatars?tag=cute")]);
        var facts = main.QuerySelectorAll(".facts dt").Zip(main.QuerySelectorAll(".facts dd"), (dt, dd) => (dt.TextContent, dd.TextContent)).ToList();
        facts.ShouldContain(("Owner", "AI"));
        facts.ShouldContain(("Made with", "DiceBear"));
        facts.ShouldContain(("Created", WebMedia.Date(world.CoolBot.Avatar.CreatedAt)));
        main.QuerySelector(".forever").ShouldBeNull();
    }

    [Fact]
    public async Task Verified_founder_and_forever_avatars_show_their_badges_and_no_countdown()
    {
        var (_, human) = await GetAsync("/avatar/HumanFace");
        Marks(human.QuerySelector("main")!, ".marks li").ShouldBe(["Verified"]);
        human.QuerySelector("#av-expiry").ShouldBeNull("a verified avatar never expires");
        human.QuerySelector("#av-tier")!.TextContent.ShouldStartWith("Verified human, verified by phone on ");
        human.QuerySelector(".created-by")!.TextContent.ShouldBe("Created by GPT");

        var (_, founder) = await GetAsync("/avatar/FounderBot");
        Marks(founder.QuerySelector("main")!, ".marks li").ShouldBe(["Founder", "Locked", "Verified"]);
        founder.QuerySelector("#av-expiry").ShouldBeNull();
        founder.QuerySelector(".created-by").ShouldBeNull("no agentName, no attribution");

        var (_, forever) = await GetAsync("/avatar/ForeverFace");
        Marks(forever.QuerySelector("main")!, ".marks li").ShouldBe(["Forever", "Verified"]);
        forever.QuerySelector("#av-expiry").ShouldBeNull();
        var section = forever.QuerySelector(".forever")!;
        section.QuerySelector("code.wallet")!.TextContent.ShouldBe(AvatarWorld.WalletAddress);
        section.QuerySelector(".attestation")!.TextContent.ShouldBe(AvatarView.AttestationNote);
        section.QuerySelector(".attestation")!.TextContent.ShouldContain("recorded by this server");
        section.QuerySelector(".attestation")!.TextContent.ShouldContain("no token was minted");
        section.TextContent.ShouldContain("token #");
    }

    [Theory]
    [InlineData("/avatar/SecretBot")]
    [InlineData("/avatar/secretbot")]
    [InlineData("/avatar/NoSuchAvatar")]
    [InlineData("/avatar/x")]
    public async Task Private_and_missing_avatars_are_the_sites_404_page(string path)
    {
        var response = await world.Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain("<meta name=\"robots\" content=\"noindex\">");
        html.ShouldContain("<h1>Avatar not found</h1>");
        html.ShouldNotContain("Nobody sees me");
        html.ShouldNotContain("og:image");
    }

    [Fact]
    public async Task The_SDK_is_an_embedded_script_cached_like_the_other_assets()
    {
        using var hashed = await world.Http.GetAsync(StaticAssets.Url(StaticAssets.ClawVatarSdk));
        hashed.StatusCode.ShouldBe(HttpStatusCode.OK);
        hashed.Content.Headers.ContentType!.ToString().ShouldBe("text/javascript; charset=utf-8");
        hashed.Headers.CacheControl!.ToString().ShouldBe("public, max-age=31536000, immutable");
        var script = await hashed.Content.ReadAsStringAsync();
        script.ShouldContain("window.clawvatar");
        script.ShouldContain("'3.0.0'");

        using var bare = await world.Http.GetAsync("/assets/clawvatar.js");
        bare.Headers.CacheControl!.ToString().ShouldBe("public, max-age=300", "the stable URL may change with a release");

        using var gallery = await world.Http.GetAsync("/avatars");
        gallery.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self';");
    }

    [Theory]
    [InlineData(30 * 24 * 60, "in 30 days")]
    [InlineData(29 * 24 * 60 + 1, "in 30 days")]
    [InlineData(24 * 60 + 1, "in 2 days")]
    [InlineData(24 * 60, "in 1 day")]
    [InlineData(5 * 60 + 30, "in 5 hours")]
    [InlineData(90, "in 1 hour")]
    [InlineData(59, "in less than an hour")]
    [InlineData(0, "now: it is removed at the next daily clean-up")]
    [InlineData(-5, "now: it is removed at the next daily clean-up")]
    public void The_countdown_reads_in_days_then_hours(int minutesLeft, string expected)
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        AvatarView.Countdown(now.AddMinutes(minutesLeft), now).ShouldBe(expected);
    }
}
