using System.Text.Json;

namespace Clawverse.Surfaces.Tests.OpenApi;

/// <summary>One operation of a served document: its method, its path as listed and as called (under the server's
/// base path), whether it is secured, and the statuses it documents.</summary>
public sealed record ListedOperation(string Method, string Path, string CallPath, bool Secured, bool HasBody,
    IReadOnlyDictionary<string, JsonElement> Responses);

/// <summary>Reads a served OpenAPI document the way a client would: servers, paths, operations and the error
/// schema's code enum.</summary>
public sealed class ApiDocumentReader(string name, JsonElement root)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    public string Name { get; } = name;

    public JsonElement Root { get; } = root;

    public string ServerUrl => Root.GetProperty("servers")[0].GetProperty("url").GetString()!;

    /// <summary>The path part of the server URL that every listed path sits under ("" or "/clawnet").</summary>
    public string BasePath => new Uri(ServerUrl).AbsolutePath.TrimEnd('/');

    public IEnumerable<string> Paths => Root.GetProperty("paths").EnumerateObject().Select(path => path.Name);

    public IEnumerable<ListedOperation> Operations()
    {
        foreach (var path in Root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(member => Methods.Contains(member.Name)))
            {
                var responses = operation.Value.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
                yield return new ListedOperation(operation.Name.ToUpperInvariant(), path.Name, BasePath + path.Name,
                    operation.Value.TryGetProperty("security", out _), operation.Value.TryGetProperty("requestBody", out _), responses);
            }
        }
    }

    /// <summary>The codes the dialect's error schema lists, wherever its shape keeps the code.</summary>
    public IReadOnlySet<string> ErrorCodes() =>
        CodeSchema().GetProperty("enum").EnumerateArray().Select(value => value.GetString()!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Each code with the meaning the document gives it (x-enum-descriptions, in the enum's order).</summary>
    public IReadOnlyDictionary<string, string> ErrorMeanings()
    {
        var code = CodeSchema();
        return code.GetProperty("enum").EnumerateArray().Zip(code.GetProperty("x-enum-descriptions").EnumerateArray())
            .ToDictionary(pair => pair.First.GetString()!, pair => pair.Second.GetString()!, StringComparer.Ordinal);
    }

    private JsonElement CodeSchema()
    {
        var schemas = Root.GetProperty("components").GetProperty("schemas");
        var error = schemas.EnumerateObject().Single(schema => schema.Name.EndsWith("Error", StringComparison.Ordinal)).Value;
        var properties = error.GetProperty("properties");
        var code = Name switch
        {
            "clawpix" => properties.GetProperty("error").GetProperty("properties").GetProperty("code"),
            "clawnet" => properties.GetProperty("error"),
            _ => properties.GetProperty("code"),
        };
        return code;
    }

    /// <summary>The code of an error answer in the dialect's envelope, or a reason it is not in that envelope.</summary>
    public (string? Code, string? Problem) ErrorCodeOf(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "the body is not a JSON object");
        }

        var flag = Name == "clawnet" ? "ok" : "success";
        if (!body.TryGetProperty(flag, out var value) || value.ValueKind != JsonValueKind.False)
        {
            return (null, $"\"{flag}\" is not false");
        }

        var code = Name switch
        {
            "clawpix" => body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var inner) && error.TryGetProperty("message", out _) ? inner.GetString() : null,
            "clawnet" => body.TryGetProperty("error", out var error) && body.TryGetProperty("message", out _) ? error.GetString() : null,
            _ => body.TryGetProperty("code", out var plain) && body.TryGetProperty("error", out var message)
                && message.ValueKind == JsonValueKind.String ? plain.GetString() : null,
        };
        return code is null ? (null, "the error fields of the dialect are missing") : (code, null);
    }

    public static async Task<ApiDocumentReader> FetchAsync(HttpClient client, string name)
    {
        var response = await client.GetAsync($"/openapi/{name}.json");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new ApiDocumentReader(name, document.RootElement.Clone());
    }
}
