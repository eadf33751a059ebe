using System.Text.Json;
using Clawverse.Core.Errors;

namespace Clawverse.Surfaces.Http;

/// <summary>A string field that was sent: its value, or null when the client sent null.</summary>
public sealed record SentText(string? Value);

/// <summary>The camelCase dialects' bodies (Clawpix, ClawVatar) tell absent from null, so they are read by hand, here.</summary>
public static class BodyFields
{
    /// <summary>The named string fields: a key per name, null when the field was absent. Another field, or a
    /// value that is not a string or null, is a validation error naming the field.</summary>
    public static Result<Dictionary<string, SentText?>> Read(JsonElement body, IReadOnlyList<string> names, IReadOnlyList<string>? others = null)
    {
        var sent = names.ToDictionary(n => n, _ => (SentText?)null, StringComparer.Ordinal);
        foreach (var field in body.EnumerateObject())
        {
            if (others?.Contains(field.Name) == true)
            {
                continue;
            }

            if (!sent.ContainsKey(field.Name))
            {
                return Error.Validation($"Unknown field \"{field.Name}\".", $"This endpoint takes {string.Join(", ", names.Concat(others ?? []))}.");
            }

            if (!JsonBody.NullableString(field, out var value))
            {
                return Error.Validation($"{field.Name} must be a string.");
            }

            sent[field.Name] = new SentText(value);
        }

        return sent;
    }

    /// <summary>An optional array of strings (tags); null or absent is none.</summary>
    public static Result<IReadOnlyList<string?>?> Strings(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Result<IReadOnlyList<string?>?>.Success(null);
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            return Error.Validation($"{name} must be an array of strings.");
        }

        try
        {
            return Result<IReadOnlyList<string?>?>.Success([.. value.EnumerateArray().Select(v => v.GetString())]);
        }
        catch (InvalidOperationException)
        {
            return Error.Validation($"{name} contains text that is not valid UTF-16.");
        }
    }

    /// <summary>An optional boolean (isPublic); null or absent is none. The strings "true" and "false" are taken too:
    /// the seed's multipart form sends them so, and agents carry the habit into JSON.</summary>
    public static Result<bool?> Boolean(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Result<bool?>.Success(null);
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when value.GetString() is "true" => true,
            JsonValueKind.String when value.GetString() is "false" => false,
            _ => Error.Validation($"{name} must be true or false."),
        };
    }
}
