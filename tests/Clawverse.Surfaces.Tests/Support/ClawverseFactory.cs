using Clawverse.Surfaces.Http;
using Clawverse.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Clawverse.Surfaces.Tests.Support;

/// <summary>The whole server in process, on a fresh database of the engine under test, with a clock the
/// test controls and mail going to the outbox of a temp data directory.</summary>
public class ClawverseFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public const string PublicUrl = "https://clawverse.test";

    public const string Secret = "tests-only-server-secret-0123456789abcdef";

    private TestDatabase? _database;

    public ManualTimeProvider Clock { get; } = new(Start);

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public string DataDirectory => Database.Directory;

    public string OutboxDirectory => Path.Combine(DataDirectory, "outbox");

    /// <summary>Generous limits so ordinary tests never meet them; rate-limit tests lower them.</summary>
    protected virtual RateLimitOptions Limits => RateLimitOptions.Uniform(new(100_000, TimeSpan.FromMinutes(1)));

    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("data-dir", DataDirectory);
        builder.UseSetting("database", Database.Options.ConnectionString);
        builder.UseSetting("public-url", PublicUrl);
        builder.UseSetting("secret", Secret);
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }

        if (Environment.GetEnvironmentVariable("CLAWVERSE_TEST_ERROR_LOG") is { Length: > 0 } errorLog)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(new ErrorFileLoggerProvider(errorLog)));
        }

        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.Replace(ServiceDescriptor.Singleton(Limits));
        });
    }

    /// <summary>Runs <c>clawverse admin</c> in process against this server's data directory, database, secret and
    /// public URL, as an operator runs it beside the live server.</summary>
    public async Task<(int Exit, string Stdout, string Stderr)> AdminAsync(params string[] verb)
    {
        await using var stdout = new StringWriter();
        await using var stderr = new StringWriter();
        var exit = await Clawverse.Host.Admin.AdminCli.RunAsync(
            ["admin", .. verb, "--data-dir", DataDirectory, "--database", Database.Options.ConnectionString, "--secret", Secret, "--public-url", PublicUrl],
            stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Stops what a derived factory started beside the server (a stub of an outside service).</summary>
    protected virtual ValueTask DisposeExtrasAsync() => ValueTask.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DisposeExtrasAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
