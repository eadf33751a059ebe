using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Clawverse.Surfaces.Http.OpenApi;

/// <summary>The schemas of a dialect's envelope: its error body, whose code is an enum of the dialect's catalog
/// (each value's meaning in the description and in x-enum-descriptions), and the flag its successes start with.</summary>
public static class ErrorSchemas
{
    public static OpenApiSchema Error(ApiDocument document)
    {
        var code = CodeSchema(document.Codes);
        return document.Shape switch
        {
            ErrorShape.Native => Object(new()
            {
                ["success"] = False(),
                ["error"] = Text("A message safe to show anyone."),
                ["code"] = code,
                ["hint"] = Text("How to fix the request, when there is a way."),
                ["request_id"] = Text("The request's id, also in X-Request-Id."),
            }, ["success", "error", "code", "request_id"]),
            ErrorShape.Clawpix => Object(new()
            {
                ["success"] = False(),
                ["error"] = Object(new()
                {
                    ["code"] = code,
                    ["message"] = Text("A message safe to show anyone."),
                    ["hint"] = Text("How to fix the request, when there is a way."),
                }, ["code", "message"]),
            }, ["success", "error"]),
            ErrorShape.ClawNet => Open(Object(new()
            {
                ["ok"] = False(),
                ["error"] = code,
                ["message"] = Text("A message safe to show anyone."),
                ["hint"] = Text("How to fix the request, when there is a way."),
                ["action"] = Text("On 429: the limited action."),
                ["limit"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "On 429: the limit's count." },
                ["window"] = Text("On 429: the limit's window, as \"1 hour\"."),
            }, ["ok", "error", "message"])),
            _ => Object(new()
            {
                ["success"] = False(),
                ["error"] = Text("A message safe to show anyone."),
                ["code"] = code,
                ["hint"] = Text("How to fix the request, when there is a way."),
            }, ["success", "error", "code"]),
        };
    }

    /// <summary>The flag a success of this dialect starts with ({"success": true, ...} or {"ok": true, ...}).</summary>
    public static OpenApiSchema SuccessHead(string flag) => Object(new()
    {
        [flag] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Enum = [JsonValue.Create(true)] },
    }, [flag]);

    private static OpenApiSchema CodeSchema(IReadOnlyList<ErrorCodeInfo> codes)
    {
        var description = new StringBuilder("The stable error code:");
        foreach (var entry in codes)
        {
            description.Append("\n- `").Append(entry.Code).Append("`: ").Append(entry.Meaning);
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = description.ToString(),
            Enum = [.. codes.Select(entry => (JsonNode)JsonValue.Create(entry.Code))],
            Extensions = new Dictionary<string, IOpenApiExtension>
            {
                ["x-enum-descriptions"] = new JsonNodeExtension(new JsonArray([.. codes.Select(entry => (JsonNode)JsonValue.Create(entry.Meaning))])),
            },
        };
    }

    private static OpenApiSchema Object(Dictionary<string, IOpenApiSchema> properties, string[] required) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = properties,
        Required = new HashSet<string>(required, StringComparer.Ordinal),
    };

    // ClawNet's errors may carry more fields (the rate limit's details), so its schema stays open.
    private static OpenApiSchema Open(OpenApiSchema schema)
    {
        schema.AdditionalPropertiesAllowed = true;
        return schema;
    }

    private static OpenApiSchema False() => new() { Type = JsonSchemaType.Boolean, Enum = [JsonValue.Create(false)] };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
