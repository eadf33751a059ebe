using Npgsql;
using StackExchange.Redis;

namespace Clawverse.Storage.Shared;

/// <summary>Which exceptions mean "a shared dependency is not answering right now" (PostgreSQL restarting or
/// unreachable, Redis down): the request can be tried again, so it is answered 503 service_unavailable rather than
/// as a server bug.</summary>
public static class StorageFaults
{
    public static bool IsUnavailable(Exception e) => e switch
    {
        NpgsqlException npgsql => npgsql.IsTransient || npgsql is PostgresException { SqlState: "57P01" or "57P02" or "57P03" },
        RedisConnectionException or RedisTimeoutException => true,
        _ => e.InnerException is { } inner && IsUnavailable(inner),
    };
}
