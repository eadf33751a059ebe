using System.Data.Common;
using System.Reflection;
using Dapper;

namespace Clawverse.Storage;

/// <summary>Applies the versioned SQL migrations of the configured engine at start-up, each in its own
/// transaction, recording what ran in schema_migrations. Files are embedded resources named
/// Migrations/{sqlite|postgres}/NNNN_name.sql; both folders carry the same versions.</summary>
public sealed class Migrator(Database database)
{
    public sealed record Migration(int Version, string Name, string Sql);

    /// <summary>Applies every migration not yet applied, in version order; <paramref name="throughVersion"/> stops
    /// after that version (tests build the schema an older release had, write its data, then migrate the rest).</summary>
    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct = default) => MigrateAsync(int.MaxValue, ct);

    public async Task<IReadOnlyList<int>> MigrateAsync(int throughVersion, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        if (database.IsSqlite)
        {
            // WAL is a property of the database file: set once, it stays.
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        }
        else
        {
            // Several processes may start together against one PostgreSQL database: one migrates at a time.
            await connection.ExecuteAsync("SELECT pg_advisory_lock(727274)");
        }

        try
        {
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations")).ToHashSet();
            var ran = new List<int>();
            foreach (var migration in Load(database.Provider).Where(m => !applied.Contains(m.Version) && m.Version <= throughVersion))
            {
                await ApplyAsync(connection, migration, ct);
                ran.Add(migration.Version);
            }

            return ran;
        }
        finally
        {
            if (!database.IsSqlite)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(727274)");
            }
        }
    }

    private static async Task ApplyAsync(DbConnection connection, Migration migration, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(migration.Sql, transaction: transaction);
        await connection.ExecuteAsync(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
            new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow.ToString("O") },
            transaction);
        await transaction.CommitAsync(ct);
    }

    public static IReadOnlyList<Migration> Load(DatabaseProvider provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var folder = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        var prefix = $"{assembly.GetName().Name}.Migrations.{folder}.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name, name[prefix.Length..^".sql".Length]))
            .OrderBy(m => m.Version)
            .ToList();
    }

    private static Migration Read(Assembly assembly, string resource, string fileName)
    {
        // Resource names lose the leading digit's underscore rule: "0001_initial" stays "_0001_initial"
        // when a folder segment starts with a digit, but file names keep their text.
        var trimmed = fileName.TrimStart('_');
        var separator = trimmed.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(trimmed[..separator], System.Globalization.CultureInfo.InvariantCulture);
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing migration resource {resource}.");
        using var reader = new StreamReader(stream);
        return new Migration(version, trimmed[(separator + 1)..], reader.ReadToEnd());
    }
}
