using Clawverse.Storage.Shared;
using Clawverse.Testing;

namespace Clawverse.Storage.Tests.Shared;

/// <summary>The contract both kinds of shared state keep: counts are exact under concurrency, a window ends when it
/// should, generations advance for every holder. Redis runs it with two connections, as two nodes would.</summary>
public abstract class SharedStateContract
{
    protected abstract (IWindowCounters First, IWindowCounters Second) Counters();

    /// <summary>The clock the counters read.</summary>
    protected abstract DateTimeOffset Now { get; }

    protected abstract (ICacheGenerations First, ICacheGenerations Second) Generations();

    protected abstract Task WaitPastAsync(TimeSpan window);

    [Fact]
    public async Task Hits_from_two_holders_at_once_are_counted_once_each()
    {
        var (first, second) = Counters();
        var bucket = "test:" + Guid.NewGuid().ToString("N");

        var hits = Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? first : second).IncrementAsync(bucket, TimeSpan.FromMinutes(1)).AsTask());
        var counts = (await Task.WhenAll(hits)).Select(hit => hit.Count).Order().ToList();

        counts.ShouldBe(Enumerable.Range(1, 200).Select(i => (long)i).ToList());
        (await second.PeekAsync(bucket))!.Value.Count.ShouldBe(200);
    }

    [Fact]
    public async Task A_window_ends_after_its_length_and_the_next_hit_opens_another()
    {
        var (first, second) = Counters();
        var bucket = "test:" + Guid.NewGuid().ToString("N");
        // Long enough for two hits over two fresh connections on a busy machine.
        var window = TimeSpan.FromMilliseconds(1500);
        var before = Now;

        var opened = await first.IncrementAsync(bucket, window);
        opened.Count.ShouldBe(1);
        opened.EndsAt.ShouldBeInRange(before + window - TimeSpan.FromMilliseconds(50), Now + window + TimeSpan.FromMilliseconds(50));
        (await second.IncrementAsync(bucket, window)).Count.ShouldBe(2);

        await WaitPastAsync(window);
        (await second.PeekAsync(bucket)).ShouldBeNull();
        (await first.IncrementAsync(bucket, window)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_bucket_never_hit_peeks_as_no_window()
    {
        var (first, _) = Counters();
        (await first.PeekAsync("test:" + Guid.NewGuid().ToString("N"))).ShouldBeNull();
    }

    [Fact]
    public async Task Advancing_a_generation_is_seen_by_every_holder_and_only_for_that_cache()
    {
        var (first, second) = Generations();
        var cache = "test-" + Guid.NewGuid().ToString("N");
        var other = cache + "-other";
        var start = await second.CurrentAsync(cache);
        var otherStart = await second.CurrentAsync(other);

        await first.AdvanceAsync(cache);

        (await second.CurrentAsync(cache)).ShouldBe(start + 1);
        (await first.CurrentAsync(cache)).ShouldBe(start + 1);
        (await second.CurrentAsync(other)).ShouldBe(otherStart);
    }
}

public sealed class MemorySharedStateTests : SharedStateContract
{
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly MemoryCacheGenerations _generations = new();

    // One process: both "holders" are the same instance, as every request of a node shares it.
    protected override DateTimeOffset Now => _time.GetUtcNow();

    protected override (IWindowCounters First, IWindowCounters Second) Counters()
    {
        var counters = new MemoryWindowCounters(_time);
        return (counters, counters);
    }

    protected override (ICacheGenerations First, ICacheGenerations Second) Generations() => (_generations, _generations);

    protected override Task WaitPastAsync(TimeSpan window)
    {
        _time.Advance(window);
        return Task.CompletedTask;
    }
}

public sealed class RedisSharedStateTests(RedisFixture redis) : SharedStateContract, IClassFixture<RedisFixture>, IAsyncLifetime
{
    private RedisConnection _first = null!;
    private RedisConnection _second = null!;

    public Task InitializeAsync()
    {
        _first = new RedisConnection(redis.Configuration);
        _second = new RedisConnection(redis.Configuration);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    protected override DateTimeOffset Now => DateTimeOffset.UtcNow;

    protected override (IWindowCounters First, IWindowCounters Second) Counters() =>
        (new RedisWindowCounters(_first, TimeProvider.System), new RedisWindowCounters(_second, TimeProvider.System));

    protected override (ICacheGenerations First, ICacheGenerations Second) Generations() =>
        (new RedisCacheGenerations(_first), new RedisCacheGenerations(_second));

    protected override Task WaitPastAsync(TimeSpan window) => Task.Delay(window + TimeSpan.FromMilliseconds(100));

    [Fact]
    public async Task Redis_that_does_not_answer_is_a_fault_the_pipeline_answers_503()
    {
        await using var nowhere = new RedisConnection($"127.0.0.1:{ChildProcess.FreePort()},connectTimeout=200,syncTimeout=500,asyncTimeout=500");
        (await nowhere.IsReachableAsync()).ShouldBeFalse();
        var fault = await Should.ThrowAsync<Exception>(async () =>
            await new RedisWindowCounters(nowhere, TimeProvider.System).IncrementAsync("test:x", TimeSpan.FromSeconds(1)));
        StorageFaults.IsUnavailable(fault).ShouldBeTrue();
    }
}
