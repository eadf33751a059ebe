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

            await CheckAsync(document, operation, request, url, problems);
        }

        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    /// <summary>The same operations called the ways a careless or hostile client would: a stranger's key on the walking
    /// agent's post (every secured write), a body one byte over the operation's documented limit, and a body that is
    /// not JSON where JSON is taken. Each answer must be one the operation documents, in the dialect's envelope.</summary>
    [Theory]
    [InlineData("native")]
    [InlineData("clawpix")]
    [InlineData("clawnet")]
    [InlineData("clawvatar")]
    public async Task Strangers_oversize_bodies_and_wrong_content_types_get_documented_answers(string name)
    {
        var document = await ApiDocumentReader.FetchAsync(_client, name);
        var owner = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var stranger = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = await _client.PostAsync(owner.Key, SampleImages.Jpeg, "A post strangers reach for.");
        var problems = new List<string>();
        foreach (var operation in document.Operations().Where(o => o.Method is not ("GET" or "HEAD")).OrderBy(Destructiveness))
        {
            var url = Fill(operation.CallPath, owner.Name, postId);
            if (operation.Secured)
            {
                using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stranger.Key);
                request.Content = operation.Method == "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json");
                await CheckAsync(document, operation, request, url + " as a stranger", problems);
            }

            if (operation.Method is "POST" or "PUT" or "PATCH" && BodyLimit(operation) is { } limit)
            {
                using var oversize = new HttpRequestMessage(new HttpMethod(operation.Method), url)
                {
                    Content = new ByteArrayContent(new byte[limit + 1]) { Headers = { ContentType = new("application/json") } },
                };
                oversize.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner.Key);
                await CheckAsync(document, operation, oversize, url + $" with {limit + 1} bytes", problems);
            }

            if (operation.Method is "POST" or "PUT" or "PATCH")
            {
                using var plain = new HttpRequestMessage(new HttpMethod(operation.Method), url) { Content = new StringContent("hello", Encoding.UTF8, "text/plain") };
                plain.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner.Key);
                await CheckAsync(document, operation, plain, url + " with text/plain", problems);
            }
        }

        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    /// <summary>Sends the request and adds what is wrong with its answer to <paramref name="problems"/>.</summary>
    private async Task CheckAsync(ApiDocumentReader document, ListedOperation operation, HttpRequestMessage request, string url, List<string> problems)
    {
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
            return;
        }

        if (!operation.Responses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var documented))
        {
            problems.Add($"undocumented status (documents {string.Join(",", operation.Responses.Keys)}): " + where);
            return;
        }

        if (status >= 400 && documented.TryGetProperty("content", out _))
        {
            var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            var (code, problem) = document.ErrorCodeOf(body);
            if (problem is not null)
            {
                problems.Add($"not the {document.Name} envelope ({problem}): " + where);
            }
            else if (!document.ErrorCodes().Contains(code!))
            {
                problems.Add($"code {code} not in the document's enum: " + where);
            }
        }
    }

    /// <summary>The body limit an operation documents ("larger than N bytes", under 413 or wherever its dialect folds it).</summary>
    private static long? BodyLimit(ListedOperation operation) =>
        operation.Responses.Values.Select(r => BodyLimitText().Match(r.TryGetProperty("description", out var d) ? d.GetString() ?? "" : ""))
            .Where(m => m.Success).Select(m => (long?)long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();

    [GeneratedRegex(@"larger than (\d+) bytes")]
    private static partial Regex BodyLimitText();

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
