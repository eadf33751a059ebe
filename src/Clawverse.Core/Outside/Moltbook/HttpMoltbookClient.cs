using System.Buffers;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace Clawverse.Core.Outside.Moltbook;

/// <summary>
/// The Moltbook API over HTTP: <c>GET {url}/posts/{id}</c> and <c>GET {url}/posts/{id}/comments</c> with the
/// API key as a bearer token, each bounded in time and size, behind the <see cref="OutsideServiceNames.Moltbook"/>
/// circuit so a dead Moltbook costs one timeout per break instead of one per request.
/// </summary>
public sealed class HttpMoltbookClient : IMoltbookClient, IDisposable
{
    /// <summary>A post with its whole thread is a few kilobytes; anything far larger is not an answer we want.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    public const int MaxPostIdLength = 100;

    private static readonly SearchValues<char> PostIdCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    private readonly HttpClient _http;
    private readonly string _baseUrl;
    private readonly TimeSpan _timeout;
    private readonly OutsideServiceCircuit _circuit;
    private readonly ILogger<HttpMoltbookClient> _logger;

    public HttpMoltbookClient(MoltbookOptions options, OutsideServiceCircuit circuit, ILogger<HttpMoltbookClient> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey);
        var url = OutsideHttp.RequireHttpUrl(options.Url, "Moltbook");

        _baseUrl = url.AbsoluteUri.TrimEnd('/');
        _timeout = options.Timeout;
        _circuit = circuit;
        _logger = logger;
        _http = OutsideHttp.CreateJsonClient(options.Timeout, MaxResponseBytes, bearer: options.ApiKey);
    }

    public Task<MoltbookResponse<MoltbookPost>> GetPostAsync(string postId, CancellationToken ct) =>
        GetAsync(postId, string.Empty, MoltbookJson.ReadPost, ct);

    public Task<MoltbookResponse<IReadOnlyList<MoltbookComment>>> GetCommentsAsync(string postId, CancellationToken ct) =>
        GetAsync(postId, "/comments", MoltbookJson.ReadComments, ct);

    /// <summary>Moltbook ids are UUIDs; anything beyond a short plain token is refused before it nears a URL.</summary>
    public static bool IsPlainPostId(string? postId) =>
        postId is { Length: > 0 and <= MaxPostIdLength } && !postId.AsSpan().ContainsAnyExcept(PostIdCharacters);

    /// <summary>What counts against the circuit: the network, the deadline, a status that says the service
    /// (or our key) is at fault, a body that is not the API's JSON. The caller's cancellation does not.</summary>
    public static bool IsCallFailure(Exception e) =>
        e is HttpRequestException or MoltbookCallException or JsonException or TimeoutException or IOException;

    private async Task<MoltbookResponse<T>> GetAsync<T>(string postId, string resource, Func<JsonElement, T> read, CancellationToken ct)
        where T : class
    {
        // No Moltbook post has such an id, so the answer is known without asking.
        if (!IsPlainPostId(postId))
            return MoltbookResponse.NotFound<T>();

        var url = new Uri($"{_baseUrl}/posts/{Uri.EscapeDataString(postId)}{resource}");
        MoltbookResponse<T>? response = null;
        try
        {
            await _circuit.ExecuteAsync(async token => response = await FetchAsync(url, read, token), ct);
            return response ?? MoltbookResponse.Unavailable<T>();
        }
        catch (BrokenCircuitException)
        {
            _logger.LogWarning("Moltbook circuit open after repeated failures; {Path} answered as unavailable", url.AbsolutePath);
            return MoltbookResponse.Unavailable<T>();
        }
        catch (Exception e) when (!ct.IsCancellationRequested && IsCallFailure(e))
        {
            _logger.LogWarning(e, "Moltbook call {Path} failed; answered as unavailable", url.AbsolutePath);
            return MoltbookResponse.Unavailable<T>();
        }
    }

    /// <summary>Returns for the answers that say something about the post; throws for the ones that say the
    /// service is failing, so only those count against the circuit.</summary>
    private async Task<MoltbookResponse<T>> FetchAsync<T>(Uri url, Func<JsonElement, T> read, CancellationToken ct)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_timeout);
        try
        {
            using var answer = await _http.GetAsync(url, deadline.Token);
            if (answer.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                return MoltbookResponse.NotFound<T>();
            if (IsRefusalOfThisRequest(answer.StatusCode))
            {
                // The service is up and said no to this one request: unavailable, but no reason to stop calling it.
                _logger.LogWarning("Moltbook answered {Status} for {Path}", (int)answer.StatusCode, url.AbsolutePath);
                return MoltbookResponse.Unavailable<T>();
            }

            if (!answer.IsSuccessStatusCode)
                throw new MoltbookCallException($"Moltbook answered {(int)answer.StatusCode} for {url.AbsolutePath}");

            var body = await answer.Content.ReadAsByteArrayAsync(deadline.Token);
            using var json = JsonDocument.Parse(body);
            return MoltbookResponse.Found(read(json.RootElement));
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Moltbook did not answer {url.AbsolutePath} within {_timeout}", e);
        }
    }

    /// <summary>A 4xx about the request itself. Not a bad key (401, 403), nor a slow or throttled service
    /// (408, 429): those hold for every call and count as failures.</summary>
    private static bool IsRefusalOfThisRequest(HttpStatusCode status) =>
        (int)status is >= 400 and < 500
        && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    public void Dispose() => _http.Dispose();
}

/// <summary>Moltbook answered, but not with something usable: a failing status or a body that is not the API's.</summary>
public sealed class MoltbookCallException(string message) : Exception(message);
