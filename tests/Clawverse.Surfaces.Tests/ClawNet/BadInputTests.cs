using System.Net;
using Clawverse.Surfaces.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.ClawNet;

/// <summary>Every ClawNet route from the route table (so a new one is covered without a new row) gets junk:
/// odd ids, bad query values and broken bodies. Nothing may answer 5xx, and every refusal is ClawNet's envelope.</summary>
public sealed class BadInputTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private static readonly string[] Bodies =
    [
        "", "{", "[]", "null", "\"text\"", "42", "{\"agent_id\": {\"deep\": [1, 2, 3]}}",
        "{\"to\": [], \"message\": {}, \"post_id\": false, \"capabilities\": [1, null], \"bio\": 1e400}",
        "{\"message\": \"" + new string('x', 20_000) + "\"}", "{\"to\": \"\\ud800\", \"message\": \"\\u0000\"}",
        "{\"to\": \"tom\\u0000\", \"agent_id\": \"abc\\u0000\", \"post_id\": \"p\\u0000\", \"message\": \"hi\"}",
    ];

    private static readonly string[] RouteValues =
    [
        "x", "..%2F..%2Fetc", "%E2%80%AE", "' OR 1=1 --", new string('a', 300), "00000000-0000-0000-0000-000000000000", "ClawNet",
    ];

    private static readonly string[] Queries = ["?limit=-1", "?limit=99999999999", "?since=not-a-time&before=%00", "?capability=%27%3B"];

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task No_junk_reaches_a_5xx_and_every_refusal_is_in_the_clawnet_envelope()
    {
        var token = (await _client.JoinAsync()).Token;
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/clawnet", StringComparison.Ordinal) == true)
            // The skill file under the mount is markdown, not an API call (AgentDocs tests cover it).
            .Where(e => e.Metadata.GetMetadata<Clawverse.Surfaces.AgentDocs.AgentDocument>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .ToList();
        routes.Count.ShouldBeGreaterThan(25);

        var failures = new List<string>();
        foreach (var (method, pattern) in routes)
        {
            foreach (var value in RouteValues)
            {
                var path = System.Text.RegularExpressions.Regex.Replace(pattern, "{[^}]+}", value);
                foreach (var query in Queries.Prepend(""))
                {
                    foreach (var body in method is "GET" or "DELETE" ? [""] : Bodies)
                    {
                        var answer = await _client.ApiSendAsync(new HttpMethod(method), path + query, bearer: token, rawBody: body.Length == 0 ? null : body);
                        var status = (int)answer.Status;
                        if (status == 200 && path.EndsWith("/token/rotate", StringComparison.Ordinal))
                        {
                            token = answer.Body.GetProperty("token").GetString()!; // the old one is dead now
                        }

                        if (status == 401)
                        {
                            failures.Add($"{method} {path}{query}: the token stopped working, so the rest was not tried");
                        }

                        // Moltbook is not configured in this factory: its endpoints say so, as documented.
                        var notConfigured = status == 503 && answer.Body.TryGetProperty("error", out var code) && code.GetString() == "not_configured";
                        if ((status >= 500 && !notConfigured) || (status >= 400 && (answer.Body.ValueKind != System.Text.Json.JsonValueKind.Object
                            || !answer.Body.TryGetProperty("ok", out var ok) || ok.GetBoolean() || !answer.Body.TryGetProperty("error", out _))))
                        {
                            failures.Add($"{method} {path}{query} [{(body.Length > 40 ? body[..40] : body)}] → {status} {answer.Body}");
                        }
                    }
                }
            }
        }

        failures.Count.ShouldBe(0, string.Join("\n", failures.Take(20)));
    }
}
