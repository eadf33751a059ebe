using System.CommandLine;
using System.Data.Common;
using Clawverse.Core.Errors;
using Clawverse.Storage;

namespace Clawverse.Host.Admin;

/// <summary>What every admin verb runs in: the server's settings (the same switches and CLAWVERSE_* variables,
/// read by <see cref="HostSettings.Load"/>), the core services composed as the server composes them, and the
/// database migrated. No web host, no listener, no background jobs.</summary>
internal sealed class AdminHost
{
    // Recursive: the settings may come before or after the verb (admin --data-dir x claim-codes list, or at the end).
    private readonly Option<string> _dataDirectory = Setting("--data-dir", "Data directory (CLAWVERSE_DATA_DIR); default ./data.");
    private readonly Option<string> _database = Setting("--database", "PostgreSQL connection string, or Data Source=... for SQLite (CLAWVERSE_DATABASE).");
    private readonly Option<string> _secret = Setting("--secret", "HMAC key of stored secrets (CLAWVERSE_SECRET); default <data-dir>/secret.key. Must be the server's.");
    private readonly Option<string> _publicUrl = Setting("--public-url", "Absolute base of links handed out (CLAWVERSE_PUBLIC_URL).");

    public void AddSettingsTo(Command command)
    {
        command.Options.Add(_dataDirectory);
        command.Options.Add(_database);
        command.Options.Add(_secret);
        command.Options.Add(_publicUrl);
    }

    /// <summary>The action of a verb: settings read, services built, migrations applied, then <paramref name="verb"/>.
    /// Settings or a database that cannot be used are reported as one line on stderr (exit 1), not a stack trace.</summary>
    public Func<ParseResult, CancellationToken, Task<int>> Run(Func<AdminContext, Task<int>> verb) => async (parsed, ct) =>
    {
        var error = parsed.InvocationConfiguration.Error;
        try
        {
            var settings = HostSettings.Load(Configuration(parsed));
            var services = new ServiceCollection();
            services.AddLogging();
            ClawverseApp.AddCore(services, settings);
            await using var provider = services.BuildServiceProvider();
            // Registered as an instance, so the container does not dispose it: close its pool ourselves.
            await using var database = provider.GetRequiredService<Database>();
            await provider.GetRequiredService<Migrator>().MigrateAsync(ct);
            return await verb(new AdminContext(provider, parsed, parsed.InvocationConfiguration.Output, error, ct));
        }
        catch (Exception e) when (e is InvalidOperationException or DbException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return AdminCli.Refused;
        }
    };

    /// <summary>The switches given on this command line over the environment, keyed as the server's
    /// configuration keys them ("data-dir"), so HostSettings reads them exactly as it does for the server.</summary>
    private IConfiguration Configuration(ParseResult parsed)
    {
        var switches = new Dictionary<string, string?>();
        foreach (var option in new[] { _dataDirectory, _database, _secret, _publicUrl })
        {
            if (parsed.GetValue(option) is { } value)
            {
                switches[option.Name.TrimStart('-')] = value;
            }
        }

        return new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(switches).Build();
    }

    private static Option<string> Setting(string name, string description) =>
        new(name) { Description = description, Recursive = true };
}

/// <summary>What a verb gets: the services, its parsed arguments and where to write.</summary>
internal sealed record AdminContext(IServiceProvider Services, ParseResult Parsed, TextWriter Stdout, TextWriter Stderr, CancellationToken Cancellation)
{
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>An expected failure from the core: its message (and hint) on stderr, exit 1.</summary>
    public async Task<int> RefuseAsync(Error error)
    {
        await Stderr.WriteLineAsync(error.Hint is null ? $"error: {error.Message}" : $"error: {error.Message} {error.Hint}");
        return AdminCli.Refused;
    }
}
