using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Clawverse.Testing;

/// <summary>The hosting every outside-service stub shares: Kestrel on a free loopback port, no logging, one
/// handler for every request, and a one-second shutdown so a request a stub holds back (DelayBy) does not hold
/// up the end of the test.</summary>
public sealed class LoopbackApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackApp(WebApplication app, string origin)
    {
        _app = app;
        Origin = origin;
    }

    /// <summary><c>http://127.0.0.1:{port}</c>, without a trailing slash.</summary>
    public string Origin { get; }

    public int Port => new Uri(Origin).Port;

    public static async Task<LoopbackApp> StartAsync(RequestDelegate handler, long? maxRequestBodySize = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            if (maxRequestBodySize is { } max)
            {
                kestrel.Limits.MaxRequestBodySize = max;
            }
        });
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return new LoopbackApp(app, app.Urls.First().TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
