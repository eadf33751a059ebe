using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.OpenApi;

/// <summary>/docs: the browsable reference, its files from this server and a policy that lets only them run.</summary>
public sealed partial class ReferencePageTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Docs_is_an_html_page_naming_the_four_documents()
    {
        var answer = await _client.GetAsync("/docs/");
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await answer.Content.ReadAsStringAsync();
        foreach (var name in new[] { "native", "clawpix", "clawnet", "clawvatar" })
        {
            html.ShouldContain($"openapi/{name}.json");
        }

        html.ShouldContain("Clawverse ClawVatar API");
    }

    [Fact]
    public async Task Its_scripts_come_from_this_server_and_the_policy_allows_only_them()
    {
        var answer = await _client.GetAsync("/docs/");
        var html = await answer.Content.ReadAsStringAsync();
        var policy = string.Join(";", answer.Headers.GetValues("Content-Security-Policy"));

        var sources = ScriptSource().Matches(html).Select(match => match.Groups[1].Value).ToList();
        sources.ShouldNotBeEmpty();
        foreach (var source in sources)
        {
            source.ShouldNotContain("//", Case.Sensitive, "a script from another host");
            var script = await _client.GetAsync(new Uri(new Uri("http://localhost/docs/"), source).PathAndQuery);
            script.StatusCode.ShouldBe(HttpStatusCode.OK, source);
            script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
            (await script.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100);
        }

        var scriptSrc = Directive(policy, "script-src");
        scriptSrc.ShouldStartWith("'self'");
        scriptSrc.ShouldNotContain("http");
        scriptSrc.ShouldNotContain("unsafe-inline");
        scriptSrc.ShouldNotContain("unsafe-eval");
        foreach (Match inline in InlineScript().Matches(html))
        {
            var hash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline.Groups[1].Value))) + "'";
            scriptSrc.ShouldContain(hash);
        }

        Directive(policy, "default-src").ShouldBe("'none'");
        Directive(policy, "connect-src").ShouldBe("'self' " + ClawverseFactory.PublicUrl);
        Directive(policy, "frame-ancestors").ShouldBe("'none'");
    }

    [Theory]
    [InlineData("/docs/clawnet")]
    [InlineData("/docs/native/")]
    public async Task Each_documents_page_allows_its_one_bootstrap(string path)
    {
        var answer = await _client.GetAsync(path);
        var html = await answer.Content.ReadAsStringAsync();
        var inline = InlineScript().Matches(html).Single();
        var hash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline.Groups[1].Value))) + "'";
        Directive(string.Join(";", answer.Headers.GetValues("Content-Security-Policy")), "script-src").ShouldBe("'self' " + hash);
    }

    [Fact]
    public async Task A_path_that_is_not_one_of_the_references_pages_gets_no_inline_script()
    {
        // Scalar answers any /docs/<name> with its page (an unknown document name included).
        var answer = await _client.GetAsync("/docs/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        Directive(string.Join(";", answer.Headers.GetValues("Content-Security-Policy")), "script-src").ShouldBe("'self'");
    }

    [Fact]
    public async Task The_api_keeps_its_own_stricter_policy()
    {
        var answer = await _client.ApiGetAsync("/api/v1/healthz");
        answer.Header("Content-Security-Policy").ShouldStartWith("default-src 'none'; base-uri 'none'");
        answer.Header("Content-Security-Policy").ShouldNotContain("script-src");
    }

    private static string Directive(string policy, string name) =>
        policy.Split(';', StringSplitOptions.TrimEntries).Single(part => part.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..];

    [GeneratedRegex("<script[^>]*\\bsrc=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
