using System.Data;
using System.Data.Common;
using System.Diagnostics.Metrics;

namespace Clawverse.Storage;

/// <summary>Connections handed out and not yet closed, per engine: pool pressure at a glance on both engines
/// (PostgreSQL's own pool figures also come from Npgsql's meter).</summary>
public static class StorageMetrics
{
    public const string MeterName = "Clawverse.Storage";

    private static readonly Meter Meter = new(MeterName);

    private static readonly UpDownCounter<int> InUse = Meter.CreateUpDownCounter<int>(
        "clawverse.db.connections.in_use", "{connection}", "Database connections opened by the server and not yet closed.");

    /// <summary>Transactions run again after PostgreSQL chose them as a deadlock victim (Database.InTransactionAsync).</summary>
    internal static readonly Counter<long> DeadlockRetries = Meter.CreateCounter<long>(
        "clawverse.db.deadlock_retries", "{transaction}", "Transactions run again after a PostgreSQL deadlock.");

    /// <summary>Counts an open connection until it closes (dispose closes it).</summary>
    internal static void Track(DbConnection connection, DatabaseProvider provider)
    {
        var engine = new KeyValuePair<string, object?>("engine", provider == DatabaseProvider.Postgres ? "postgresql" : "sqlite");
        InUse.Add(1, engine);
        var counted = 1;
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == ConnectionState.Closed && Interlocked.Exchange(ref counted, 0) == 1)
                InUse.Add(-1, engine);
        };
    }
}
