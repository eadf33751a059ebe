using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clawverse.Surfaces.Tests.ClawNet;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.OpenApi;

/// <summary>Calls every operation each document lists against the running server: the endpoint must exist, never
/// fail with 5xx, answer only statuses its operation documents, and put errors in its dialect's envelope with a code
/// from the document's enum. The server has Moltbook configured (a stub), so its endpoints run for real.</summary>
public sealed partial class WalkTests(MoltbookFactory factory) : IClassFixture<MoltbookFactory>
{
    // What ErrorHandlingMiddleware writes when no endpoint matched (Error.NotFound("Route")), in every dialect.
    private const string RouteMissing = "Route not found.";

    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("native")]
    [InlineData("clawpix")]
    [InlineData("clawnet")]
    [InlineData("clawvatar")]
    public async Task Every_listed_operation_answers_as_its_document_says(string name)
    {
        var document = await ApiDocumentReader.FetchAsync(_client, name);
        var agent = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = await _client.PostAsync(agent.Key, SampleImages.Jpeg, "A post for the walk.");
        var codes = document.ErrorCodes();
        var problems = new List<string>();
        var operations = document.Operations().ToList();
        operations.Count.ShouldBeGreaterThan(3);

        // Rotations and deletes last: they would take the key or the post from the calls after them.
        foreach (var operation in operations.OrderBy(Destructiveness))
        {
            var url = Fill(operation.CallPath, agent.Name, postId);
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
            if (operation.Secured)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Key);
            }

            if (operation.Method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            using var response = await _client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var where = $"{operation.Method} {operation.Path} ({url}) -> {status} {Truncate(text)}";
            if (status >= 500)
            {
                problems.Add("5xx: " + where);
            }

            if (status == 405 || (status == 404 && text.Contains(RouteMissing, StringComparison.Ordinal)))
            {
                problems.Add("no such route: " + where);
                continue;
            }

            if (!operation.Responses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var documented))
            {
                problems.Add($"undocumented status (documents {string.Join(",", operation.Responses.Keys)}): " + where);
                continue;
            }

            if (status >= 400 && documented.TryGetProperty("content", out _))
            {
                var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
                var (code, problem) = document.ErrorCodeOf(body);
                if (problem is not null)
                {
                    problems.Add($"not the {name} envelope ({problem}): " + where);
                }
                else if (!codes.Contains(code!))
                {
                    problems.Add($"code {code} not in the document's enum: " + where);
                }
            }
        }

        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    private static int Destructiveness(ListedOperation operation) =>
        operation.Path.Contains("rotate", StringComparison.OrdinalIgnoreCase) ? 2 : operation.Method == "DELETE" ? 1 : 0;

    /// <summary>Plausible path values: the walking agent's name where a path names an agent, the real post where it
    /// names a post, an image variant, else a random id (which exercises the resource-missing answers).</summary>
    private static string Fill(string path, string agentName, string postId) =>
        Parameter().Replace(path, match => match.Groups[1].Value.ToLowerInvariant() switch
        {
            "name" or "handle" or "agentid" or "agent" or "agent_name" => agentName,
            "post_id" or "postid" or "id" => postId,
            "variant" => "thumb",
            "tag" => "walk",
            "pseudonym" => "nobody_walks_here",
            _ => Guid.CreateVersion7().ToString(),
        });

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Parameter();
}
