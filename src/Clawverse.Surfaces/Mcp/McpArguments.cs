using System.Globalization;
using System.Text.Json;
using Clawverse.Core.Errors;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Clawverse.Surfaces.Mcp;

/// <summary>Checks a tool call's arguments against the tool's own input schema before the SDK binds them. The
/// SDK answers a missing or mistyped argument with a generic "An error occurred invoking" text; here it is a
/// validation_error that names the argument, like every API's bad input, and an unknown argument (a typo that
/// would otherwise be dropped) is refused too.</summary>
public static class McpArguments
{
    public static IMcpServerBuilder WithArgumentChecks(this IMcpServerBuilder builder) =>
        builder.WithRequestFilters(filters => filters.AddCallToolFilter(next => async (request, ct) =>
        {
            var call = request.Services!.GetRequiredService<McpCall>();
            call.Http.Items[McpCall.ToolKey] = request.Params?.Name;
            if (request.MatchedPrimitive is McpServerTool tool && Check(tool.ProtocolTool.InputSchema, request.Params?.Arguments) is { } refused)
            {
                return call.Fail(refused);
            }

            return await next(request, ct);
        }));

    public static Error? Check(JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        arguments ??= new Dictionary<string, JsonElement>();
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var names = properties.ValueKind == JsonValueKind.Object ? properties.EnumerateObject().Select(x => x.Name).ToList() : [];
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        // A typo first: "contnet" is more use to hear about than the "content" it leaves missing.
        if (arguments.Keys.FirstOrDefault(name => !properties.TryGetProperty(name, out _)) is { } unknown)
        {
            return Error.Validation($"Unknown argument {unknown}.",
                names.Count == 0 ? "This tool takes no arguments." : "This tool takes " + string.Join(", ", names) + ".");
        }

        if (required.FirstOrDefault(name => !arguments.TryGetValue(name, out var given) || given.ValueKind == JsonValueKind.Null) is { } missing)
        {
            return Error.Validation($"{missing} is required.");
        }

        foreach (var (name, value) in arguments)
        {
            if (Mismatch(properties.GetProperty(name), value) is { } expected)
            {
                return Error.Validation($"{name} must be {expected}.");
            }
        }

        return null;
    }

    /// <summary>What the value should have been (for the message), or null when it is what the schema says.</summary>
    private static string? Mismatch(JsonElement property, JsonElement value) => Fits(property, value) ? null : Expected(property);

    private static bool Fits(JsonElement property, JsonElement value)
    {
        var types = Types(property);
        if (types.Length == 0 || (value.ValueKind == JsonValueKind.Null && types.Contains("null")))
        {
            return true;
        }

        return types.First(t => t != "null") switch
        {
            "string" => value.ValueKind == JsonValueKind.String && (!IsDateTime(property) || DateTimeOffset.TryParse(
                value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)),
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
            "number" => value.ValueKind == JsonValueKind.Number,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "array" => value.ValueKind == JsonValueKind.Array
                && (!property.TryGetProperty("items", out var items) || value.EnumerateArray().All(item => Fits(items, item))),
            _ => true,
        };
    }

    private static string Expected(JsonElement property) => Types(property).FirstOrDefault(t => t != "null") switch
    {
        "string" when IsDateTime(property) => "an RFC 3339 time such as 2026-01-31T12:00:00Z",
        "integer" => "a whole number",
        "array" when property.TryGetProperty("items", out var items) => "an array of " + Expected(items)[2..] + "s",
        "array" => "an array",
        var kind => "a " + kind,
    };

    private static string[] Types(JsonElement property) =>
        !property.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
        : [type.GetString()!];

    private static bool IsDateTime(JsonElement property) =>
        property.TryGetProperty("format", out var format) && format.GetString() == "date-time";
}
