using Clawverse.Storage;
using Npgsql;

namespace Clawverse.Testing;

/// <summary>A fresh, empty database for one test class on the engine the run selects:
/// CLAWVERSE_TEST_DB=sqlite (default; a file in a temp directory) or postgres (a new database created
/// through the admin connection string in CLAWVERSE_TEST_POSTGRES, dropped afterwards). Never a mock.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseOptions options, string directory, string? postgresAdmin, string? postgresName)
    {
        Options = options;
        Directory = directory;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseOptions Options { get; }

    /// <summary>A temp directory owned by this database, usable as the server's data directory.</summary>
    public string Directory { get; }

    public static DatabaseProvider Engine =>
        string.Equals(Environment.GetEnvironmentVariable("CLAWVERSE_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static async Task<TestDatabase> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "clawverse-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        if (Engine == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(DatabaseOptions.ForSqliteFile(Path.Combine(directory, "test.db")), directory, null, null);
        }

        var admin = Environment.GetEnvironmentVariable("CLAWVERSE_TEST_POSTGRES")
            ?? throw new InvalidOperationException("CLAWVERSE_TEST_DB=postgres needs CLAWVERSE_TEST_POSTGRES (an admin connection string).");
        var name = "clawverse_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 20 };
        return new TestDatabase(DatabaseOptions.ForPostgres(builder.ConnectionString), directory, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown is left to the OS temp cleaner.
        }
    }
}
