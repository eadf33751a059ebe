namespace Clawverse.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which engine holds the data. SQLite in the data directory is the embedded default;
/// a PostgreSQL connection string selects PostgreSQL.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseOptions ForSqliteFile(string path) =>
        new(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=True;Default Timeout=30");

    public static DatabaseOptions ForPostgres(string connectionString) =>
        new(DatabaseProvider.Postgres, connectionString);
}
