using System.Net;
using System.Net.Sockets;
using Clawverse.Host;
using Clawverse.Testing;
using Microsoft.AspNetCore.Builder;

namespace Clawverse.Surfaces.Tests.Operations;

/// <summary>The real server on real sockets, started the way Program starts it, with --metrics-urls:
/// the metrics port serves Prometheus text and the probes only, the public port never serves /metrics.</summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private readonly int _metricsPort = FreePort();
    private readonly HttpClient _http = new();
    private TestDatabase? _database;
    private WebApplication? _app;
    private Uri _public = null!;
    private Uri _metrics = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _app = ClawverseApp.Build(
        [
            "--data-dir", _database.Directory,
            "--database", _database.Options.ConnectionString,
            "--public-url", "https://clawverse.test",
            "--secret", "tests-only-server-secret-0123456789abcdef",
            "--urls", "http://127.0.0.1:0",
            "--metrics-urls", $"http://127.0.0.1:{_metricsPort}",
        ]);
        await ClawverseApp.PrepareAsync(_app);
        await _app.StartAsync();
        _metrics = new Uri($"http://127.0.0.1:{_metricsPort}");
        _public = _app.Urls.Select(url => new Uri(url)).Single(url => url.Port != _metricsPort);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_metrics_port_serves_request_runtime_and_clawverse_metrics()
    {
        (await _http.GetAsync(new Uri(_public, "/api/v1/explore"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var scrape = await _http.GetAsync(new Uri(_metrics, "/metrics"));

        scrape.StatusCode.ShouldBe(HttpStatusCode.OK);
        scrape.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var text = await scrape.Content.ReadAsStringAsync();
        text.ShouldContain("http_server_request_duration_seconds_bucket{");
        text.ShouldContain("http_route=\"/api/v1/explore\"");
        text.ShouldContain("dotnet_gc_collections");
        text.ShouldContain("clawverse_libvips_memory_bytes");
        text.ShouldContain("clawverse_mail_outbox_depth");
    }

    [Fact]
    public async Task The_public_port_does_not_serve_metrics()
    {
        using var answer = await _http.GetAsync(new Uri(_public, "/metrics"));

        answer.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await answer.Content.ReadAsStringAsync()).ShouldNotContain("http_server_request_duration");
    }

    [Fact]
    public async Task The_metrics_port_answers_the_probes_and_nothing_of_the_site_or_the_apis()
    {
        (await _http.GetAsync(new Uri(_metrics, "/healthz"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _http.GetAsync(new Uri(_metrics, "/readyz"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _http.GetAsync(new Uri(_metrics, "/api/v1/explore"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _http.GetAsync(new Uri(_metrics, "/"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _http.GetAsync(new Uri(_public, "/"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void A_metrics_port_that_is_also_a_public_port_is_refused_at_start()
    {
        var e = Should.Throw<InvalidOperationException>(() => ClawverseApp.Build(
        [
            "--data-dir", _database!.Directory,
            "--secret", "tests-only-server-secret-0123456789abcdef",
            "--urls", $"http://127.0.0.1:{_metricsPort}",
            "--metrics-urls", $"http://127.0.0.1:{_metricsPort}",
        ]));

        e.Message.ShouldContain("--metrics-urls");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
