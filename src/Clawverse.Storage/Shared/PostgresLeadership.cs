using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Clawverse.Storage.Shared;

/// <summary>Leader election on PostgreSQL: the node whose session holds one advisory lock runs the background jobs.
/// The lock lives as long as that session, on a connection of its own outside the pool (a pooled connection's reset
/// would drop it); when the node dies its connection closes, PostgreSQL releases the lock, and another node's next
/// attempt takes it. A leader that loses its connection stops leading until it takes the lock again. Jobs are
/// written to be safe to run twice, so the short overlap a lost connection can cause does no harm.</summary>
public sealed class PostgresLeadership(Database database, ILogger<PostgresLeadership> logger) : BackgroundService, ILeadership
{
    /// <summary>The advisory lock's key: "clawve" in ASCII. Advisory locks are per database, so installations on one
    /// PostgreSQL server in databases of their own do not compete.</summary>
    public const long LockKey = 0x636C_6177_7665;

    /// <summary>How often a follower tries the lock and a leader checks that its session is alive.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly object _gate = new();
    private TaskCompletionSource _leading = NewSignal();
    private volatile bool _isLeader;

    public bool IsLeader => _isLeader;

    public Task WaitUntilLeaderAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return _leading.Task.WaitAsync(ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(database.Options.ConnectionString)
        {
            Pooling = false,
            ApplicationName = "clawverse-leadership",
            // Notices a peer that vanished without closing (a machine lost, not a process killed).
            KeepAlive = 10,
        }.ConnectionString;
        NpgsqlConnection? session = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (session is null)
                    {
                        session = new NpgsqlConnection(connectionString);
                        await session.OpenAsync(stoppingToken);
                    }

                    await using var command = session.CreateCommand();
                    command.CommandText = _isLeader ? "SELECT true" : "SELECT pg_try_advisory_lock(@key)";
                    command.Parameters.AddWithValue("key", LockKey);
                    if ((bool)(await command.ExecuteScalarAsync(stoppingToken))! && !_isLeader)
                    {
                        Lead();
                    }
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
                {
                    if (_isLeader)
                    {
                        logger.LogWarning(e, "Lost the leadership session; background jobs pause on this node until it leads again");
                    }

                    Follow();
                    if (session is not null)
                    {
                        await session.DisposeAsync();
                        session = null;
                    }
                }

                await Task.Delay(Interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Closing the session releases the lock at once, so a node stopping cleanly hands over without a wait.
            Follow();
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    private void Lead()
    {
        lock (_gate)
        {
            _isLeader = true;
            _leading.TrySetResult();
        }

        logger.LogInformation("This node leads: it runs the background jobs");
    }

    private void Follow()
    {
        lock (_gate)
        {
            _isLeader = false;
            if (_leading.Task.IsCompleted)
            {
                _leading = NewSignal();
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
