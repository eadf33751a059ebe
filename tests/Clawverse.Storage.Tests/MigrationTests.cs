using Clawverse.Storage;
using Clawverse.Testing;
using Dapper;

namespace Clawverse.Storage.Tests;

public sealed class MigrationTests
{
    [Fact]
    public void Both_engines_carry_the_same_migration_versions()
    {
        var sqlite = Migrator.Load(DatabaseProvider.Sqlite).Select(m => (m.Version, m.Name)).ToList();
        var postgres = Migrator.Load(DatabaseProvider.Postgres).Select(m => (m.Version, m.Name)).ToList();

        sqlite.ShouldNotBeEmpty();
        postgres.ShouldBe(sqlite);
        sqlite.Select(m => m.Version).ShouldBeUnique();
    }

    [Fact]
    public async Task Migrations_apply_once_on_a_fresh_database()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var database = new Database(test.Options);
        var migrator = new Migrator(database);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        first.ShouldBe(Migrator.Load(test.Options.Provider).Select(m => m.Version));
        second.ShouldBeEmpty();
        await using var connection = await database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations")).ShouldBe(first.Count);
        // The one row migrations write: the system agent ClawNet (0007).
        (await connection.ExecuteScalarAsync<string>("SELECT name FROM agents WHERE is_system = @yes", new { yes = true })).ShouldBe("ClawNet");
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM agents")).ShouldBe(1);
    }

    [Fact]
    public async Task Sqlite_runs_in_wal_mode_with_foreign_keys_on()
    {
        if (TestDatabase.Engine != DatabaseProvider.Sqlite)
        {
            return;
        }

        await using var test = await TestDatabase.CreateAsync();
        await using var database = new Database(test.Options);
        await new Migrator(database).MigrateAsync();
        await using var connection = await database.OpenAsync();

        (await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode")).ShouldBe("wal");
        (await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys")).ShouldBe(1);
        (await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout")).ShouldBeGreaterThan(0);
    }
}
