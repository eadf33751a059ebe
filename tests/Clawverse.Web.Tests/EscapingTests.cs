using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Clawverse.Web.Rendering;
using Clawverse.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Web.Tests;

/// <summary>Every page, fed hostile text (markup, an attribute breakout, direction overrides and isolates) through
/// every field a user writes and every query or path a visitor types, parsed as a browser would: no script but the
/// site's own, no event handler, no injected element, no direction control left; and the hostile text is there, as
/// text, wherever the page shows that field.</summary>
public sealed class EscapingTests(HostileWorld world) : IClassFixture<HostileWorld>
{
    private static readonly string Hostile = Uri.EscapeDataString(HostileWorld.Payload);

    /// <summary>Each page route, and the requests that reach it. <c>Shows</c>: the page displays the hostile text.</summary>
    private Visit[] Visits =>
    [
        new("GET", "/", "/", Shows: true),
        new("GET", "/", "/?sort=new", Shows: true),
        new("GET", "/", "/?cursor=" + Hostile),
        new("GET", "/p/{post_id}", $"/p/{world.Post}", Shows: true),
        new("GET", "/p/{post_id}", $"/p/{world.Post}?comments={Hostile}"),
        new("GET", "/p/{post_id}", "/p/" + Hostile),
        new("GET", "/p/{post_id}/c/{comment_id}", $"/p/{world.Post}/c/{world.Comment}", Shows: true),
        new("GET", "/p/{post_id}/c/{comment_id}", $"/p/{world.Post}/c/{Hostile}"),
        new("GET", "/agent/{name}", $"/agent/{world.Author.Name}", Shows: true),
        new("GET", "/agent/{name}", "/agent/" + Hostile),
        new("GET", "/p/{post_id}", $"/p/{world.TextPost}", Shows: true),
        new("GET", "/agents", "/agents", Shows: true),
        new("GET", "/agents", "/agents?capability=" + Hostile),
        new("GET", "/tags", "/tags?tag="),
        new("GET", "/tags/{tag}", "/tags/" + HostileWorld.Tag, Shows: true),
        new("GET", "/tags/{tag}", "/tags/" + Hostile),
        new("GET", "/search", "/search?q=" + HostileWorld.Tag, Shows: true),
        new("GET", "/search", $"/search?q={HostileWorld.Tag}&type=posts", Shows: true),
        new("GET", "/search", $"/search?q={world.Author.Name}&type=agents", Shows: true),
        new("GET", "/search", $"/search?q={HostileWorld.Tag}&type=hashtags"),
        new("GET", "/search", "/search?q=" + Hostile, Shows: true),
        new("GET", "/search", $"/search?q={HostileWorld.Tag}&type=posts&cursor={Hostile}"),
        new("GET", "/leaderboard", "/leaderboard?date=" + world.Today, Shows: true),
        new("GET", "/leaderboard", "/leaderboard?date=" + Hostile),
        new("GET", "/claim", "/claim?token=" + Hostile, Shows: true),
        new("POST", "/claim", "/claim", Form: new() { ["token"] = HostileWorld.Payload }),
        new("GET", "/claim/{claim_token}", world.ClaimPath),
        new("GET", "/claim/{claim_token}", "/claim/" + Hostile),
        new("POST", "/claim/{claim_token}", world.ClaimPath, Form: new() { ["email"] = HostileWorld.Payload }),
        new("POST", "/claim/{claim_token}", "/claim/" + Hostile, Form: new() { ["email"] = "owner@example.com" }),
        new("GET", "/activate/{code}", world.ActivationPath),
        new("GET", "/activate/{code}", "/activate/" + Hostile),
        new("POST", "/activate/{code}", world.ActivationPath, Form: new() { ["tweet_url"] = HostileWorld.Payload }, Shows: true),
        new("POST", "/activate/{code}", "/activate/" + Hostile, Form: new() { ["tweet_url"] = "https://x.com/a/status/1" }),
        new("GET", "/agent/{name}", "/agent/" + world.PainterName, Shows: true),
        new("GET", "/avatars", "/avatars", Shows: true),
        new("GET", "/avatars", $"/avatars?ownerType=AI&tag={Uri.EscapeDataString(HostileWorld.AvatarTags[1])}", Shows: true),
        new("GET", "/avatars", $"/avatars?search={Hostile}&tag={Hostile}", Shows: true),
        new("GET", "/avatars", $"/avatars?ownerType={Hostile}&page=1"),
        new("GET", "/avatars", $"/avatars?page={Hostile}"),
        new("GET", "/avatar/{pseudonym}", "/avatar/" + HostileWorld.AvatarPseudonym, Shows: true),
        new("GET", "/avatar/{pseudonym}", "/avatar/" + Hostile),
    ];

    /// <summary>The only scripts a page may load: the site's own embedded files (the gallery adds the SDK).</summary>
    private static readonly string[] OwnScripts = [StaticAssets.Url(StaticAssets.Script), StaticAssets.Url(StaticAssets.ClawVatarSdk)];

    [Fact]
    public async Task Hostile_text_is_inert_on_every_page()
    {
        var parser = new HtmlParser();
        foreach (var visit in Visits)
        {
            using var response = await SendAsync(visit);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html", visit.Url);
            var html = await response.Content.ReadAsStringAsync();
            using var page = parser.ParseDocument(html);

            var scripts = page.QuerySelectorAll("script").Select(s => s.GetAttribute("src") ?? "(inline)").ToList();
            scripts.ShouldNotBeEmpty(visit.Url);
            scripts[0].ShouldStartWith("/assets/site.js?v=", Case.Sensitive, visit.Url);
            scripts.ShouldAllBe(src => OwnScripts.Contains(src), visit.Url);
            var handlers = page.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).ToList();
            handlers.ShouldBeEmpty(visit.Url);
            page.QuerySelectorAll("img[src='x']").Length.ShouldBe(0, visit.Url);

            var text = page.DocumentElement.TextContent;
            var attributes = page.All.SelectMany(e => e.Attributes).Select(a => a.Value).ToList();
            text.Any(IsDirectionControl).ShouldBeFalse(visit.Url);
            attributes.Any(v => v.Any(IsDirectionControl)).ShouldBeFalse(visit.Url);
            if (visit.Shows)
            {
                (text.Contains(HostileWorld.Shown, StringComparison.Ordinal) || attributes.Contains(HostileWorld.Shown))
                    .ShouldBeTrue($"{visit.Url} should show the hostile text, as text");
            }
        }
    }

    [Fact]
    public void The_hostile_pages_cover_every_page_the_site_has()
    {
        var pages = world.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<WebPageMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Where(m => m != HttpMethods.Head)
                .Select(m => (m, e.RoutePattern.RawText!)))
            .ToHashSet();
        pages.Count.ShouldBeGreaterThan(10);
        var visited = Visits.Select(v => (v.Method, v.Pattern)).ToHashSet();
        pages.Except(visited).ShouldBeEmpty("pages no hostile request reaches");
    }

    [Fact]
    public void No_template_or_page_code_writes_raw_html()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Clawverse.Web");
        string[] escapeHatches = ["HtmlString", "IHtmlContent", "WriteHtml", "Html.Raw", "WriteLiteral"];
        var sources = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        sources.Count(f => f.EndsWith(".cshtml", StringComparison.Ordinal)).ShouldBeGreaterThan(15);
        foreach (var file in sources)
        {
            var source = File.ReadAllText(file);
            foreach (var hatch in escapeHatches)
            {
                source.Contains(hatch, StringComparison.Ordinal).ShouldBeFalse($"{Path.GetRelativePath(web, file)} uses {hatch}");
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Visit visit)
    {
        using var request = new HttpRequestMessage(new HttpMethod(visit.Method), visit.Url);
        if (visit.Form is { } form)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        var response = await world.Http.SendAsync(request);
        ((int)response.StatusCode).ShouldBeInRange(200, 499, visit.Url);
        response.StatusCode.ShouldNotBe(HttpStatusCode.MethodNotAllowed, visit.Url);
        return response;
    }

    private static bool IsDirectionControl(char c) => PageEncoder.IsDirectionControl(c);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clawverse.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Clawverse.sln above the test binaries.");
    }

    private sealed record Visit(string Method, string Pattern, string Url, bool Shows = false, Dictionary<string, string>? Form = null);
}
