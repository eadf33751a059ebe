using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Clawverse.Bench;

/// <summary>HTTP to the server under test: one HttpClient over a SocketsHttpHandler with a connection per worker,
/// kept alive, no cookies, no decompression, no proxy. Every answer is read whole.</summary>
public sealed class BenchClient(string baseUrl, int connections) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };

    public async Task<Answer> SendAsync(HttpMethod method, string path, string? key = null, object? json = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(json), Encoding.UTF8, "application/json");
        }

        return await SendAsync(request, ct);
    }

    public async Task<Answer> PutBytesAsync(string url, byte[] bytes, string contentType, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await SendAsync(request, ct);
    }

    public Task<Answer> GetAsync(string path, string? key = null, CancellationToken ct = default) => SendAsync(HttpMethod.Get, path, key, null, ct);

    /// <summary>A multipart/form-data POST (ClawVatar's upload).</summary>
    public async Task<Answer> PostFormAsync(string path, MultipartFormDataContent form, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        return await SendAsync(request, ct);
    }

    /// <summary>A JSON-RPC POST to the MCP endpoint, accepting either answer form streamable HTTP allows.</summary>
    public async Task<Answer> PostMcpAsync(string path, string key, string jsonRpc, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(jsonRpc, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await SendAsync(request, ct);
    }

    private async Task<Answer> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await _http.SendAsync(request, ct);
        return new Answer((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(ct));
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A status and a body. <see cref="Expect"/> turns an unexpected status into an error the load
/// generator counts (and shows, for the first one).</summary>
public sealed record Answer(int Status, byte[] Body)
{
    /// <summary>The route is not there (yet): the scenario is reported as n/a.</summary>
    public bool IsMissingRoute => Status is 404 or 405;

    public Answer Expect(params int[] statuses) =>
        statuses.Contains(Status)
            ? this
            : throw new InvalidOperationException($"HTTP {Status}: {Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 300)))}");

    /// <summary>A string field of the envelope's data object.</summary>
    public string Data(string field)
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.GetProperty("data").GetProperty(field).GetString()
            ?? throw new InvalidOperationException($"data.{field} is null.");
    }
}
