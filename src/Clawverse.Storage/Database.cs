using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Clawverse.Storage;

/// <summary>Opens connections to the configured engine, already prepared for use
/// (SQLite gets its per-connection pragmas), and runs units of work in a transaction.</summary>
public sealed class Database : IAsyncDisposable
{
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> PreparedHandles = new();
    private static readonly object Prepared = new();

    private readonly NpgsqlDataSource? _postgres;

    /// <summary>SQLite's one writer, taken in the process before BEGIN IMMEDIATE (null on PostgreSQL, whose writers only
    /// wait on the rows they share). SQLite lets one transaction write at a time; without this gate the others wait in
    /// its busy handler, which polls by sleeping 1, 2, 5, 10, 15, 20, 25... ms: the write lock sat free while waiters
    /// slept, and a request arriving between two polls overtook them (issue 16, 4 writers: BEGIN waited up to 130–230 ms
    /// for a lock held about 1–3 ms a transaction). Waiting here queues the writers and wakes the next one the moment
    /// the lock is free. Other processes on the same file (the admin CLI) still meet the busy handler.</summary>
    private readonly SemaphoreSlim? _sqliteWriter;

    private int _commitsSinceCheckpoint;
    private bool _disposed;
    private Task _checkpoint = Task.CompletedTask;

    public Database(DatabaseOptions options)
    {
        Options = options;
        DapperSetup.EnsureRegistered();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(Tuned(options.ConnectionString));
        }
        else
        {
            _sqliteWriter = new SemaphoreSlim(1, 1);
        }
    }

    public DatabaseOptions Options { get; }

    /// <summary>Npgsql's pool resets each connection it hands out (RESET ALL, advisory unlocks and more, sent with the first
    /// statement) and, without prepared statements, every statement is parsed and planned on each call. Nothing here
    /// leaves session state on a pooled connection (settings are SET LOCAL, the migration lock is released explicitly,
    /// the leadership session is not pooled), so the reset is off and statements run often are prepared once per
    /// connection (docs/performance.md, PostgreSQL at 100k posts: writes 4–6× faster). A connection string that sets
    /// either keeps its value, as it must behind PgBouncer in transaction mode (no prepared statements there).</summary>
    private static string Tuned(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ConnectionString;
    }

    public DatabaseProvider Provider => Options.Provider;

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>Parameters holding the list for "IN @ids". Dapper expands lists without the Guid type
    /// handler, so SQLite gets the ids in their stored text form and PostgreSQL gets uuids. (Dynamic
    /// parameters, because Dapper decides on expansion from the declared type.)</summary>
    /// <summary>"column IN @ids" on SQLite (Dapper expands the list); "column = ANY(@ids)" on PostgreSQL,
    /// where Dapper passes the list as one array parameter.</summary>
    public string IdIn(string column) => IsSqlite ? $"{column} IN @ids" : $"{column} = ANY(@ids)";

    public DynamicParameters IdList(IEnumerable<Guid> ids)
    {
        var parameters = new DynamicParameters();
        parameters.Add("ids", IsSqlite ? ids.Select(id => id.ToString("D")).ToArray() : ids.ToArray());
        return parameters;
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (_postgres is not null)
        {
            var pooled = await _postgres.OpenConnectionAsync(ct);
            StorageMetrics.Track(pooled, Provider);
            return pooled;
        }

        var connection = new SqliteConnection(Options.ConnectionString);
        await connection.OpenAsync(ct);
        StorageMetrics.Track(connection, Provider);
        // The pool hands back the same native handle, pragmas and all: prepare each handle once, not on every
        // open (a statement per query that the hottest reads, like /clawnet/inbox/check, felt).
        if (connection.Handle is not { } handle || PreparedHandles.TryGetValue(handle, out _))
        {
            return connection;
        }

        await using var pragma = connection.CreateCommand();
        // foreign_keys is per connection and off by default; busy_timeout makes concurrent writers wait
        // for the write lock instead of failing at once.
        // wal_autocheckpoint: the checkpoint would otherwise run inside the COMMIT of whichever write crosses the
        // threshold (default 1,000 pages), holding the writer gate while it copies pages and syncs the file (issue 16:
        // such commits took up to 370 ms; the same checkpoints in the background take 9 ms at p50, 37 ms at p99). Write
        // transactions start CheckpointAsync instead; the raised threshold only bounds the WAL for writes that bypass
        // InTransactionAsync.
        pragma.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {(int)SqliteBusyTimeout.TotalMilliseconds}; " +
            $"PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = {FallbackAutocheckpointPages};";
        await pragma.ExecuteNonQueryAsync(ct);
        PreparedHandles.AddOrUpdate(handle, Prepared);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction: all of it commits or none of it does.
    /// SQLite transactions start IMMEDIATE (Microsoft.Data.Sqlite's default) so two writers never
    /// deadlock upgrading read locks, and queue for the process's writer gate first.
    /// On PostgreSQL a transaction chosen as a deadlock victim is run again (writers take row locks in one order
    /// wherever they can; this covers the orders no single writer can see, such as an author's row and the rows of
    /// the agents its post mentions), so <paramref name="work"/> must only touch the database.</summary>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(ct);
                // Past the busy timeout the gate gives up and BEGIN meets the busy handler, as it would without the
                // gate: a transaction opened inside another one's work fails as before instead of waiting forever.
                var gated = _sqliteWriter is not null && await _sqliteWriter.WaitAsync(SqliteBusyTimeout, ct);
                try
                {
                    await using var transaction = await connection.BeginTransactionAsync(ct);
                    var result = await work(connection, transaction);
                    await transaction.CommitAsync(ct);
                    if (_sqliteWriter is not null)
                    {
                        AfterSqliteCommit();
                    }

                    return result;
                }
                finally
                {
                    if (gated)
                    {
                        _sqliteWriter!.Release();
                    }
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < DeadlockAttempts)
            {
                StorageMetrics.DeadlockRetries.Add(1);
            }
        }
    }

    private const int DeadlockAttempts = 3;

    /// <summary>Write transactions between two background checkpoints: measured at about 10 WAL pages a like and 48 a
    /// post (indexes and the search index), so 640 to 3,000 pages, around SQLite's default threshold of 1,000.</summary>
    private const int CommitsPerCheckpoint = 64;

    /// <summary>The per-connection wal_autocheckpoint left as a bound for writes outside InTransactionAsync.</summary>
    private const int FallbackAutocheckpointPages = 10_000;

    /// <summary>Starts a PASSIVE checkpoint off the request path every <see cref="CommitsPerCheckpoint"/> commits,
    /// one at a time. PASSIVE takes no write lock: writers go on appending to the WAL while it copies.</summary>
    private void AfterSqliteCommit()
    {
        if (Interlocked.Increment(ref _commitsSinceCheckpoint) < CommitsPerCheckpoint || !_checkpoint.IsCompleted)
        {
            return;
        }

        lock (_sqliteWriter!)
        {
            if (_checkpoint.IsCompleted && !_disposed)
            {
                Interlocked.Exchange(ref _commitsSinceCheckpoint, 0);
                _checkpoint = Task.Run(CheckpointAsync);
            }
        }
    }

    private async Task CheckpointAsync()
    {
        try
        {
            await using var connection = await OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is SqliteException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // A checkpoint that cannot run now (the file closing, an I/O error) is retried after the next commits;
            // the WAL stays correct meanwhile, only longer. Swallowed so that DisposeAsync, which awaits it, does not fail.
        }
    }

    /// <summary>How long a SQLite writer waits for the write lock before it fails with SQLITE_BUSY.</summary>
    private static readonly TimeSpan SqliteBusyTimeout = TimeSpan.FromSeconds(10);

    public async Task<bool> IsReachableAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        else
        {
            lock (_sqliteWriter!)
            {
                _disposed = true;
            }

            await _checkpoint;
            SqliteConnection.ClearAllPools();
        }
    }
}
