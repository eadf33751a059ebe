using System.Net;
using System.Text.RegularExpressions;
using Clawverse.Surfaces.AgentDocs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.AgentDocs;

/// <summary>One curl command of a doc: the method it sends and the URL it calls.</summary>
public sealed record CurlExample(string Document, string Method, string Url, string Command);

public static partial class AgentDocSteps
{
    [GeneratedRegex(@"https?://[^\s""'\\]+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?:^|\s)-X\s+([A-Z]+)")]
    private static partial Regex MethodPattern();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\]\((https?://[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    public static async Task<(HttpResponseMessage Response, string Text)> GetDocAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every curl command in <paramref name="text"/>, with backslash-continued lines joined. A command
    /// with a body and no -X is a POST, as curl sends it.</summary>
    public static IReadOnlyList<CurlExample> CurlExamples(string document, string text)
    {
        var joined = text.Replace("\\\r\n", " ", StringComparison.Ordinal).Replace("\\\n", " ", StringComparison.Ordinal);
        var examples = new List<CurlExample>();
        foreach (var line in joined.Split('\n'))
        {
            var start = line.IndexOf("curl ", StringComparison.Ordinal);
            if (start < 0)
            {
                continue;
            }

            var command = line[start..].Trim();
            var url = UrlPattern().Match(command);
            url.Success.ShouldBeTrue($"{document}: a curl example without a URL: {command}");
            var method = MethodPattern().Match(command) is { Success: true } explicitMethod
                ? explicitMethod.Groups[1].Value
                : command.Contains(" -d ", StringComparison.Ordinal) || command.Contains(" -F ", StringComparison.Ordinal) ? "POST" : "GET";
            examples.Add(new CurlExample(document, method, url.Value, command));
        }

        return examples;
    }

    /// <summary>The absolute http(s) links of a markdown or llms.txt text.</summary>
    public static IReadOnlyList<string> MarkdownLinks(string text) =>
        [.. MarkdownLink().Matches(text).Select(m => m.Groups[1].Value)];

    /// <summary>The server's own routes, as (method, pattern) pairs, from its endpoint data source.</summary>
    public static IReadOnlyList<(string Method, Regex Pattern, string Raw)> Routes<T>(WebApplicationFactory<T> factory) where T : class
    {
        var routes = new List<(string, Regex, string)>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = "/" + endpoint.RoutePattern.RawText?.Trim('/');
            var pattern = new Regex(
                "^" + string.Join("/", raw.Split('/').Select(segment =>
                    RouteParameter().Replace(Regex.Escape(segment).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+"))) + "/?$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                routes.Add((method, pattern, raw));
            }
        }

        return routes;
    }

    /// <summary>The path of <paramref name="url"/> under <paramref name="publicUrl"/>, without its query.</summary>
    public static string PathUnder(string url, string publicUrl)
    {
        url.StartsWith(publicUrl + "/", StringComparison.Ordinal).ShouldBeTrue($"{url} is not under this server's public URL {publicUrl}");
        var path = url[publicUrl.Length..];
        var query = path.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? path : path[..query];
    }

    public static string MediaType(this HttpResponseMessage response) => response.Content.Headers.ContentType?.ToString() ?? "";

    public static void ShouldBeServed(this HttpResponseMessage response, AgentDocument document)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, document.Path);
        response.MediaType().ShouldBe(document.ContentType, document.Path);
    }
}
