using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Clawverse.Testing;

/// <summary>One request as <see cref="WebStubServer"/> received it, with the headers a guarded fetch must not send.</summary>
public sealed record WebStubRequest(string Method, string PathAndQuery, string? Cookie, string? Authorization, string? UserAgent);

/// <summary>
/// An arbitrary web server on a free loopback port (Kestrel), for code that fetches URLs users give it: paths
/// answer with set bytes (with or without a Content-Length), redirects, statuses, or late. Anything not set
/// answers 404. It records every request.
/// </summary>
public sealed class WebStubServer : IAsyncDisposable
{
    private LoopbackApp _app = null!;
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<WebStubRequest> _requests = new();

    private WebStubServer()
    {
    }

    /// <summary>http://127.0.0.1:{port}, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public int Port { get; private set; }

    public IReadOnlyCollection<WebStubRequest> Requests => _requests;

    public static async Task<WebStubServer> StartAsync()
    {
        var stub = new WebStubServer();
        stub._app = await LoopbackApp.StartAsync(stub.HandleAsync);
        stub.BaseUrl = stub._app.Origin;
        stub.Port = stub._app.Port;
        return stub;
    }

    /// <summary>The absolute URL of a path on this stub.</summary>
    public string Url(string path) => BaseUrl + path;

    /// <summary>200 with these bytes and a Content-Length, or without one (chunked) when <paramref name="chunked"/>.</summary>
    public void Serve(string path, byte[] body, string? contentType = "application/octet-stream", bool chunked = false, TimeSpan delay = default) =>
        _routes[path] = new Route(200, body, contentType, null, chunked, delay, null);

    /// <summary>Headers that announce <paramref name="contentLength"/> bytes, then a trickle of them, one a second.</summary>
    public void ServeDeclaredLength(string path, long contentLength) =>
        _routes[path] = new Route(200, [], "application/octet-stream", null, false, default, contentLength);

    /// <summary>A redirect (302 unless told otherwise) to <paramref name="location"/>, relative or absolute.</summary>
    public void Redirect(string path, string location, int status = 302) =>
        _routes[path] = new Route(status, [], null, location, false, default, null);

    /// <summary>This status with a short text body.</summary>
    public void Status(string path, int status) =>
        _routes[path] = new Route(status, "stub status"u8.ToArray(), "text/plain", null, false, default, null);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        _requests.Enqueue(new WebStubRequest(
            request.Method,
            request.Path.Value + request.QueryString.Value,
            NullIfEmpty(request.Headers.Cookie.ToString()),
            NullIfEmpty(request.Headers.Authorization.ToString()),
            NullIfEmpty(request.Headers.UserAgent.ToString())));

        var response = context.Response;
        if (!_routes.TryGetValue(request.Path.Value ?? string.Empty, out var route))
        {
            response.StatusCode = 404;
            return;
        }

        try
        {
            if (route.Delay > TimeSpan.Zero)
                await Task.Delay(route.Delay, context.RequestAborted);

            response.StatusCode = route.Status;
            if (route.Location is not null)
            {
                // A cookie on every redirect: a client that kept cookies would send it on the next hop.
                response.Headers.SetCookie = "stub_session=1; Path=/";
                response.Headers.Location = route.Location;
                return;
            }

            if (route.ContentType is not null)
                response.ContentType = route.ContentType;

            if (route.DeclaredLength is { } declared)
            {
                response.ContentLength = declared;
                await response.StartAsync(context.RequestAborted);
                for (var sent = 0L; sent < declared; sent++)
                {
                    await response.Body.WriteAsync(new byte[1], context.RequestAborted);
                    await response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
                }

                return;
            }

            if (route.Chunked)
            {
                context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
                await response.StartAsync(context.RequestAborted);
                foreach (var part in route.Body.Chunk(4096))
                {
                    await response.Body.WriteAsync(part, context.RequestAborted);
                    await response.Body.FlushAsync(context.RequestAborted);
                }

                return;
            }

            response.ContentLength = route.Body.Length;
            await response.Body.WriteAsync(route.Body, context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client hung up (it timed out or stopped reading): nothing more to send.
        }
    }

    private static string? NullIfEmpty(string value) => value.Length > 0 ? value : null;

    private sealed record Route(int Status, byte[] Body, string? ContentType, string? Location, bool Chunked, TimeSpan Delay, long? DeclaredLength);
}
