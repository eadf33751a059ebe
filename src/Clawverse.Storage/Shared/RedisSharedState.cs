using StackExchange.Redis;

namespace Clawverse.Storage.Shared;

/// <summary>The one connection (multiplexed) to the Redis that --redis / CLAWVERSE_REDIS names. A node starts even
/// when Redis does not answer yet: readiness says so, and calls that need it fail as unavailable (503) meanwhile.</summary>
public sealed class RedisConnection : IAsyncDisposable
{
    /// <summary>Every key this server writes starts with it, so Redis can be shared with other programs.</summary>
    public const string KeyPrefix = "clawverse:";

    private readonly ConnectionMultiplexer _multiplexer;

    /// <summary>Throws ArgumentException for a configuration string StackExchange.Redis cannot read (checked at start).</summary>
    public static void Validate(string configuration) => ConfigurationOptions.Parse(configuration);

    public RedisConnection(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        // While disconnected, fail each command at once (503 for its request) instead of queueing it for the command
        // timeout: a rate-limit check sits in front of every request.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= "clawverse-" + Environment.MachineName;
        _multiplexer = ConnectionMultiplexer.Connect(options);
    }

    public IDatabase Database => _multiplexer.GetDatabase();

    public async Task<bool> IsReachableAsync()
    {
        try
        {
            await Database.PingAsync();
            return true;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync() => await _multiplexer.DisposeAsync();
}

/// <summary>Window counters in Redis: one key per bucket, counted and given its lifetime by one script, so
/// nodes counting the same bucket at once neither lose a hit nor open two windows.</summary>
public sealed class RedisWindowCounters(RedisConnection redis, TimeProvider time) : IWindowCounters
{
    // INCR, then the window's lifetime on the first hit; PTTL tells every caller when the window ends. A key left
    // without a lifetime (never expected) gets one rather than counting forever.
    private static readonly LuaScript Increment = LuaScript.Prepare("""
        local count = redis.call('INCR', @key)
        local ttl = redis.call('PTTL', @key)
        if ttl < 0 then
          redis.call('PEXPIRE', @key, @window)
          ttl = tonumber(@window)
        end
        return { count, ttl }
        """);

    private static readonly LuaScript Peek = LuaScript.Prepare("""
        local count = redis.call('GET', @key)
        if not count then return false end
        return { tonumber(count), redis.call('PTTL', @key) }
        """);

    public async ValueTask<WindowCount> IncrementAsync(string bucket, TimeSpan window)
    {
        var reply = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(Increment,
            new { key = Key(bucket), window = (long)Math.Ceiling(window.TotalMilliseconds) }))!;
        return new WindowCount((long)reply[0], time.GetUtcNow().AddMilliseconds((long)reply[1]));
    }

    public async ValueTask<WindowCount?> PeekAsync(string bucket)
    {
        var reply = await redis.Database.ScriptEvaluateAsync(Peek, new { key = Key(bucket) });
        if (reply.IsNull || reply.Resp2Type != ResultType.Array)
        {
            return null;
        }

        var parts = (RedisResult[])reply!;
        var ttl = (long)parts[1];
        return ttl <= 0 ? null : new WindowCount((long)parts[0], time.GetUtcNow().AddMilliseconds(ttl));
    }

    private static RedisKey Key(string bucket) => RedisConnection.KeyPrefix + "window:" + bucket;
}

/// <summary>Cache generations in Redis: a read costs one GET, a write one INCR, and a write acknowledged on one node
/// has retired every node's cached entries before its response leaves.</summary>
public sealed class RedisCacheGenerations(RedisConnection redis) : ICacheGenerations
{
    public async ValueTask<long> CurrentAsync(string cache) => (long?)await redis.Database.StringGetAsync(Key(cache)) ?? 0;

    public async ValueTask AdvanceAsync(string cache) => await redis.Database.StringIncrementAsync(Key(cache));

    private static RedisKey Key(string cache) => RedisConnection.KeyPrefix + "generation:" + cache;
}
