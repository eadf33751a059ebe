using System.Diagnostics;
using Clawverse.Testing;
using Dapper;

namespace Clawverse.Storage.Tests;

/// <summary>Database.InTransactionAsync under concurrent writers, on the engine of this run (on SQLite they queue on
/// the process's writer gate before BEGIN IMMEDIATE).</summary>
public sealed class TransactionTests : IAsyncLifetime
{
    private TestDatabase _test = null!;
    private Database _database = null!;

    public async Task InitializeAsync()
    {
        _test = await TestDatabase.CreateAsync();
        _database = new Database(_test.Options);
        await new Migrator(_database).MigrateAsync(); // WAL on SQLite, as the server runs
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE tx_counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO tx_counter VALUES (1, 0);");
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _test.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_read_modify_write_transactions_all_commit_and_lose_no_update()
    {
        var forUpdate = _database.IsSqlite ? "" : " FOR UPDATE";
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await _database.InTransactionAsync(async (connection, transaction) =>
                {
                    var n = await connection.QuerySingleAsync<long>("SELECT n FROM tx_counter WHERE id = 1" + forUpdate, transaction: transaction);
                    await connection.ExecuteAsync("UPDATE tx_counter SET n = @next WHERE id = 1", new { next = n + 1 }, transaction);
                    return true;
                });
            }
        })));

        await using var check = await _database.OpenAsync();
        Assert.Equal(200, await check.QuerySingleAsync<long>("SELECT n FROM tx_counter WHERE id = 1"));
    }

    [Fact]
    public async Task A_failed_transaction_rolls_back_and_lets_the_next_writer_in_at_once()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _database.InTransactionAsync<bool>(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("UPDATE tx_counter SET n = 99 WHERE id = 1", transaction: transaction);
            throw new InvalidOperationException("work failed");
        }));

        // Well under the 10 s the gate waits before giving up: a gate left taken would show here.
        var clock = Stopwatch.StartNew();
        await _database.InTransactionAsync(async (connection, transaction) =>
            await connection.ExecuteAsync("UPDATE tx_counter SET n = n + 1 WHERE id = 1", transaction: transaction));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the next transaction waited {clock.Elapsed}");

        await using var check = await _database.OpenAsync();
        Assert.Equal(1, await check.QuerySingleAsync<long>("SELECT n FROM tx_counter WHERE id = 1"));
    }
}
