using Clawverse.Surfaces.AgentDocs;
using System.Text.RegularExpressions;
using Clawverse.Surfaces.ClawNet;
using Clawverse.Surfaces.Clawpix.Http;
using Clawverse.Surfaces.ClawVatar.Http;
using Clawverse.Surfaces.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.OpenApi;

/// <summary>The documents and the served endpoints agree both ways: every endpoint under a dialect's mount is in
/// that dialect's document (a new endpoint without docs fails here), and a document lists only its own dialect.</summary>
public sealed partial class CoverageTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Every_endpoint_under_a_dialect_mount_is_in_that_dialects_document()
    {
        var pathBase = factory.Services.GetRequiredService<ClawNetOptions>().PathBase;
        var documents = new Dictionary<string, HashSet<string>>();
        foreach (var name in new[] { "native", "clawpix", "clawnet", "clawvatar" })
        {
            var document = await ApiDocumentReader.FetchAsync(_client, name);
            documents[name] = [.. document.Operations().Select(operation => Key(operation.Method, operation.CallPath))];
        }

        var missing = new List<string>();
        var served = 0;
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Normalize(endpoint.RoutePattern.RawText ?? "");
            if (DialectOf(path, pathBase) is not { } dialect)
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                served++;
                if (!documents[dialect].Contains(Key(method, path)))
                {
                    missing.Add($"{method} {path} (expected in {dialect})");
                }
            }
        }

        served.ShouldBeGreaterThan(60);
        missing.ShouldBeEmpty(string.Join("\n", missing));
    }

    [Fact]
    public async Task A_document_lists_only_its_own_dialects_paths()
    {
        var pathBase = factory.Services.GetRequiredService<ClawNetOptions>().PathBase;
        var skillFiles = factory.Services.GetRequiredService<AgentDocuments>().All
            .Where(d => d.ApiDocument is not null).ToDictionary(d => d.Path, d => d.ApiDocument);
        var strays = new List<string>();
        foreach (var name in new[] { "native", "clawpix", "clawnet", "clawvatar" })
        {
            var document = await ApiDocumentReader.FetchAsync(_client, name);
            foreach (var operation in document.Operations())
            {
                var dialect = DialectOf(Normalize(operation.CallPath), pathBase);
                // The liveness checks sit beside the native API (/healthz) and are documented with it; each dialect's
                // skill file is documented with its dialect wherever it is served.
                if (dialect != name && !(name == "native" && operation.Path == "/healthz")
                    && skillFiles.GetValueOrDefault(Normalize(operation.CallPath)) != name)
                {
                    strays.Add($"{name}: {operation.Method} {operation.Path} belongs to {dialect ?? "no dialect"}");
                }
            }
        }

        strays.ShouldBeEmpty(string.Join("\n", strays));
    }

    /// <summary>The dialect that owns a path, by the same mounts the error dialects use; ClawVatar's /api/v1/avatars
    /// before the native /api/v1 it sits in.</summary>
    private static string? DialectOf(string path, PathString clawNetBase)
    {
        var request = new PathString(path);
        if (ClawVatarPaths.Owns(request))
        {
            return "clawvatar";
        }

        if (ClawpixPaths.Owns(request))
        {
            return "clawpix";
        }

        if (request.StartsWithSegments(clawNetBase, StringComparison.OrdinalIgnoreCase))
        {
            return "clawnet";
        }

        return new[] { "/api/v1", "/media", "/uploads" }.Any(mount => request.StartsWithSegments(mount, StringComparison.OrdinalIgnoreCase))
            ? "native"
            : null;
    }

    private static string Key(string method, string path) => method.ToUpperInvariant() + " " + Normalize(path).ToLowerInvariant();

    // Route patterns and document paths spell the same route differently: constraints, catch-alls, a trailing slash.
    private static string Normalize(string path)
    {
        var plain = Constraint().Replace(path, match => "{" + match.Groups[1].Value + "}");
        plain = "/" + plain.Trim('/');
        return plain;
    }

    [GeneratedRegex(@"\{\**([^}:=?]+)[^}]*\}")]
    private static partial Regex Constraint();
}
