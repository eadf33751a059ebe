using System.Text.Json.Serialization;

namespace Clawverse.Surfaces.Http;

/// <summary>The contract's success envelope: {"success": true, "data": ..., "request_id": "..."}.</summary>
public sealed record SuccessEnvelope<T>(
    [property: JsonPropertyOrder(1)] T Data,
    [property: JsonPropertyOrder(2)] string RequestId)
{
    [JsonPropertyOrder(0)]
    public bool Success => true;
}

/// <summary>The contract's error envelope: {"success": false, "error", "code", "hint"?, "request_id"}.</summary>
public sealed record ErrorEnvelope(
    [property: JsonPropertyOrder(1)] string Error,
    [property: JsonPropertyOrder(2)] string Code,
    [property: JsonPropertyOrder(3)] string? Hint,
    [property: JsonPropertyOrder(4)] string RequestId)
{
    [JsonPropertyOrder(0)]
    public bool Success => false;
}
