using System.Text.Json;
using Clawverse.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Surfaces.Http;

/// <summary>Reading a JSON object body by hand, where absent and null mean different things.</summary>
public static class JsonBody
{
    public static async Task<Result<JsonElement>> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 16 }, ct);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : Error.Validation("The body must be a JSON object.");
        }
        catch (JsonException)
        {
            return Error.Validation("The request body is not valid JSON.");
        }
    }

    /// <summary>A string or null; false for another kind, or for text that is not valid UTF-16 (an escaped
    /// lone surrogate), which neither engine could store.</summary>
    public static bool NullableString(JsonProperty field, out string? value)
    {
        value = null;
        if (field.Value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (field.Value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            value = field.Value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
