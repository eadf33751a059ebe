using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace Clawverse.Core.Outside.Moderation;

/// <summary>
/// An OpenAI-compatible moderation API over HTTP: <c>POST {url}/moderations</c> with the key as a bearer token
/// and <c>{"model": ..., "input": [{"type": "text", ...}, {"type": "image_url", "image_url": {"url":
/// "data:...;base64,..."}}]}</c> (the multi-modal input OpenAI's omni models take, and compatible servers copy).
/// Flagged when any of <c>results[].flagged</c> is true, with the categories set to true as reasons. Each call
/// is bounded in time and runs behind the <see cref="OutsideServiceNames.Moderation"/> circuit; whatever keeps
/// the API from giving a verdict comes back <see cref="ModerationVerdict.Unavailable"/>, for the caller's
/// <see cref="ModerationOptions.WhenUnavailable"/>.
/// </summary>
public sealed class HttpContentModerator : IContentModerator, IDisposable
{
    /// <summary>A verdict is a few kilobytes of category scores; anything far larger is not one.</summary>
    public const int MaxResponseBytes = 256 * 1024;

    private static readonly SearchValues<char> MediaTypeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&^_.+-/");

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string? _model;
    private readonly TimeSpan _timeout;
    private readonly OutsideServiceCircuit _circuit;
    private readonly ILogger<HttpContentModerator> _logger;

    public HttpContentModerator(ModerationOptions options, OutsideServiceCircuit circuit, ILogger<HttpContentModerator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var url = OutsideHttp.RequireHttpUrl(options.Url, "moderation");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options));

        _endpoint = new Uri(url.AbsoluteUri.TrimEnd('/') + "/moderations");
        _model = string.IsNullOrWhiteSpace(options.Model) ? null : options.Model.Trim();
        _timeout = options.Timeout;
        _circuit = circuit;
        _logger = logger;
        _http = OutsideHttp.CreateJsonClient(options.Timeout, MaxResponseBytes, bearer: options.ApiKey);
    }

    public async Task<ModerationResult> CheckAsync(ModerationInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = string.IsNullOrWhiteSpace(input.Text) ? null : input.Text;
        var image = input.Image is { Length: > 0 } ? input.Image : null;
        // Nothing to judge: no call.
        if (text is null && image is null)
            return ModerationResult.Allowed;

        var body = RequestBody(text, image, image is null ? null : ImageMediaType(image, input.ImageContentType));
        ModerationResult? result = null;
        try
        {
            await _circuit.ExecuteAsync(async token => result = await CallAsync(body, token), ct);
            return result ?? ModerationResult.Unavailable;
        }
        catch (BrokenCircuitException)
        {
            _logger.LogWarning("Moderation circuit open after repeated failures; check answered as unavailable");
            return ModerationResult.Unavailable;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && IsCallFailure(e))
        {
            _logger.LogWarning(e, "Moderation call failed; check answered as unavailable");
            return ModerationResult.Unavailable;
        }
    }

    /// <summary>What counts against the circuit: the network, the deadline, a status that says the service (or
    /// our key) is at fault, a body that is not a verdict. The caller's cancellation does not.</summary>
    public static bool IsCallFailure(Exception e) =>
        e is HttpRequestException or ModerationCallException or JsonException or TimeoutException or IOException;

    private byte[] RequestBody(string? text, byte[]? image, string? imageType)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (image is null ? 0 : (image.Length * 4 / 3) + 64) + (text?.Length * 3 ?? 0));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (_model is not null)
                json.WriteString("model", _model);
            json.WriteStartArray("input");
            if (text is not null)
            {
                json.WriteStartObject();
                json.WriteString("type", "text");
                json.WriteString("text", text);
                json.WriteEndObject();
            }

            if (image is not null)
            {
                json.WriteStartObject();
                json.WriteString("type", "image_url");
                json.WriteStartObject("image_url");
                json.WriteString("url", $"data:{imageType};base64,{Convert.ToBase64String(image)}");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Returns for the answers that give a verdict or refuse this one request; throws for the ones that
    /// say the service is failing, so only those count against the circuit.</summary>
    private async Task<ModerationResult> CallAsync(byte[] body, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_timeout);
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var answer = await _http.PostAsync(_endpoint, content, deadline.Token);
            if (IsRefusalOfThisRequest(answer.StatusCode))
            {
                // The service is up and refused this input (too large, a format it cannot read): no verdict,
                // but no reason to stop calling it.
                _logger.LogWarning("Moderation API answered {Status}", (int)answer.StatusCode);
                return ModerationResult.Unavailable;
            }

            if (!answer.IsSuccessStatusCode)
                throw new ModerationCallException($"Moderation API answered {(int)answer.StatusCode}");

            var bytes = await answer.Content.ReadAsByteArrayAsync(deadline.Token);
            using var json = JsonDocument.Parse(bytes);
            return ReadVerdict(json.RootElement);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Moderation API did not answer within {_timeout}", e);
        }
    }

    private static ModerationResult ReadVerdict(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out var results)
            || results.ValueKind != JsonValueKind.Array || results.GetArrayLength() == 0)
        {
            throw new ModerationCallException("Moderation API answered without a results list");
        }

        var flagged = false;
        var reasons = new List<string>();
        foreach (var result in results.EnumerateArray())
        {
            if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("flagged", out var flag)
                || flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new ModerationCallException("Moderation API answered a result without a flagged verdict");
            }

            flagged |= flag.ValueKind == JsonValueKind.True;
            if (result.TryGetProperty("categories", out var categories) && categories.ValueKind == JsonValueKind.Object)
            {
                foreach (var category in categories.EnumerateObject())
                {
                    if (category.Value.ValueKind == JsonValueKind.True && !reasons.Contains(category.Name))
                        reasons.Add(category.Name);
                }
            }
        }

        return flagged ? new ModerationResult(ModerationVerdict.Flagged, reasons) : ModerationResult.Allowed;
    }

    /// <summary>The caller's media type when it is a plain type/subtype (it goes into a data URI), else the
    /// type the image's first bytes show.</summary>
    private static string ImageMediaType(byte[] image, string? given)
    {
        var type = given?.Split(';')[0].Trim();
        if (type is { Length: > 2 and <= 100 } && type.Contains('/', StringComparison.Ordinal) && !type.AsSpan().ContainsAnyExcept(MediaTypeCharacters))
            return type.ToLowerInvariant();
        ReadOnlySpan<byte> bytes = image;
        return bytes switch
        {
            [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
            [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "image/png",
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "image/gif",
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
            _ => "application/octet-stream",
        };
    }

    /// <summary>A 4xx about the request itself. Not a bad key (401, 403), nor a slow or throttled service
    /// (408, 429): those hold for every call and count as failures.</summary>
    private static bool IsRefusalOfThisRequest(HttpStatusCode status) =>
        (int)status is >= 400 and < 500
        && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    public void Dispose() => _http.Dispose();
}

/// <summary>The moderation API answered, but not with a verdict: a failing status or a body that is not one.</summary>
public sealed class ModerationCallException(string message) : Exception(message);
