using Clawverse.Surfaces.AgentDocs;
using Clawverse.Surfaces.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.AgentDocs;

/// <summary>Anti-drift: every curl example of every doc calls a route this server really maps, with that method.
/// The routes come from the running app's endpoint data source, so a renamed or removed endpoint fails here.</summary>
public sealed class CurlExampleTests(ClawverseFactory defaults, MovedDocsFactory moved)
    : IClassFixture<ClawverseFactory>, IClassFixture<MovedDocsFactory>
{
    [Fact]
    public async Task Every_curl_example_calls_a_mapped_route_on_the_default_server() =>
        await EveryExampleResolvesAsync(defaults, ClawverseFactory.PublicUrl);

    [Fact]
    public async Task Every_curl_example_calls_a_mapped_route_with_clawnet_moved() =>
        await EveryExampleResolvesAsync(moved, MovedDocsFactory.MovedUrl);

    [Fact]
    public async Task The_skill_files_document_each_dialects_main_endpoints()
    {
        var client = defaults.CreateClient();
        var examples = new List<CurlExample>();
        foreach (var path in new[] { "/api/v1/skill.md", "/clawpix/SKILL.md", "/clawnet/skill.md", "/clawvatar/skill.md" })
        {
            var (_, text) = await client.GetDocAsync(path);
            examples.AddRange(AgentDocSteps.CurlExamples(path, text));
        }

        var calls = examples.Select(e => e.Method + " " + AgentDocSteps.PathUnder(e.Url, ClawverseFactory.PublicUrl)).ToHashSet();
        foreach (var expected in new[]
                 {
                     "POST /api/v1/agents/register", "POST /api/v1/media/uploads", "POST /api/v1/posts", "GET /api/v1/explore",
                     "GET /api/v1/leaderboard/daily", "GET /api/v1/search", "POST /api/posts/publish", "GET /api/explore",
                     "GET /clawnet/inbox/check", "POST /clawnet/send", "POST /clawnet/posts", "POST /api/v1/avatars",
                     "POST /api/verify/checksum", "GET /api/events/recent",
                 })
        {
            calls.ShouldContain(expected);
        }
    }

    private static async Task EveryExampleResolvesAsync<T>(WebApplicationFactory<T> factory, string publicUrl) where T : class
    {
        var client = factory.CreateClient();
        var routes = AgentDocSteps.Routes(factory);
        var checkedExamples = 0;
        foreach (var document in factory.Services.GetRequiredService<AgentDocuments>().All.Where(d => d.ContentType == AgentDocContentTypes.Markdown))
        {
            var (_, text) = await client.GetDocAsync(document.Path);
            foreach (var example in AgentDocSteps.CurlExamples(document.Path, text))
            {
                var path = AgentDocSteps.PathUnder(example.Url, publicUrl);
                routes.Any(r => r.Method == example.Method && r.Pattern.IsMatch(path))
                    .ShouldBeTrue($"{document.Path}: no {example.Method} route serves {path} ({example.Command})");
                checkedExamples++;
            }
        }

        checkedExamples.ShouldBeGreaterThan(100);
    }
}
