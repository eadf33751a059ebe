using Clawverse.Surfaces.Http;
using Clawverse.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Clawverse.Web.Tests.Support;

/// <summary>The real server on a real loopback port (Kestrel, port 0), on a fresh database and data
/// directory, so a real browser can load its pages and images. Links handed out (media URLs, claim links,
/// Open Graph) use the public URL <see cref="PublicUrl"/>, as a deployment behind a proxy would.</summary>
public class WebAppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string PublicUrl = "https://clawverse.test";

    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public string DataDirectory => Database.Directory;

    public string OutboxDirectory => Path.Combine(DataDirectory, "outbox");

    /// <summary>Where the server listens, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public Uri ServerUri { get; private set; } = null!;

    /// <summary>A client on the real socket; it does not follow redirects, so tests see them.</summary>
    public HttpClient Http { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        ServerUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/'));
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = ServerUri };
    }

    /// <summary>The same path on the server under test, for a URL built on the public base.</summary>
    public string Local(string publicUrl) =>
        new Uri(ServerUri, new Uri(publicUrl).PathAndQuery).ToString();

    public string Url(string path) => new Uri(ServerUri, path).ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("data-dir", DataDirectory);
        builder.UseSetting("database", Database.Options.ConnectionString);
        builder.UseSetting("public-url", PublicUrl);
        builder.UseSetting("secret", "web-tests-only-server-secret-0123456789");
        if (Environment.GetEnvironmentVariable("CLAWVERSE_TEST_ERROR_LOG") is { Length: > 0 } errorLog)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(new ErrorFileLoggerProvider(errorLog)));
        }

        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(
            RateLimitOptions.Uniform(new(100_000, TimeSpan.FromMinutes(1))))));
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeResourcesAsync();

    /// <summary>Stops the server and drops the database and data directory.</summary>
    protected virtual async Task DisposeResourcesAsync()
    {
        Http?.Dispose();
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
