using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Clawverse.Storage.Shared;

/// <summary>Leader election on PostgreSQL: the node whose session holds one advisory lock runs the background jobs.
/// The lock lives as long as that session, on a connection of its own outside the pool (a pooled connection's reset
/// would drop it); when the node dies its connection closes, PostgreSQL releases the lock, and another node's next
/// attempt takes it. A leader that loses its connection stops leading until it takes the lock again, and cancels the
/// term its running jobs run under (<see cref="Term"/>), so two nodes' passes overlap at most for the few seconds the
/// lost session takes to notice.</summary>
public sealed class PostgresLeadership(Database database, ILogger<PostgresLeadership> logger) : BackgroundService, ILeadership
{
    /// <summary>The advisory lock's key: "clawve" in ASCII. Advisory locks are per database, so installations on one
    /// PostgreSQL server in databases of their own do not compete.</summary>
    public const long LockKey = 0x636C_6177_7665;

    /// <summary>How often a follower tries the lock and a leader checks that its session is alive.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly object _gate = new();
    private TaskCompletionSource _leading = NewSignal();
    private CancellationTokenSource _term = Ended();
    private volatile bool _isLeader;

    public bool IsLeader => _isLeader;

    public CancellationToken Term
    {
        get
        {
            lock (_gate)
            {
                return _term.Token;
            }
        }
    }

    public Task WaitUntilLeaderAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return _leading.Task.WaitAsync(ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.Options.ConnectionString)
        {
            Pooling = false,
            ApplicationName = "clawverse-leadership",
            // A check that cannot finish in 5 s means the session is in doubt: stop leading rather than wait 30 s.
            Timeout = 5,
            CommandTimeout = 5,
        };
        // The server holds a vanished client's session, and with it the lock, until its TCP keepalive gives up (over two
        // hours with Linux's defaults) when the leader's machine is lost rather than its process killed: for this session
        // only, it probes after 5 s of silence and gives up after three missed probes 2 s apart.
        builder.Options = $"{builder.Options} -c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3".Trim();
        var connectionString = builder.ConnectionString;
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
            _term.Dispose();
            _term = new CancellationTokenSource();
            _leading.TrySetResult();
        }

        logger.LogInformation("This node leads: it runs the background jobs");
    }

    private void Follow()
    {
        lock (_gate)
        {
            _isLeader = false;
            _term.Cancel();
            if (_leading.Task.IsCompleted)
            {
                _leading = NewSignal();
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static CancellationTokenSource Ended()
    {
        var ended = new CancellationTokenSource();
        ended.Cancel();
        return ended;
    }
}
