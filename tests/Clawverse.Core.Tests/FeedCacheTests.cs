using Clawverse.Core.Feeds;
using Clawverse.Storage.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Clawverse.Testing;

namespace Clawverse.Core.Tests;

public sealed class FeedCacheTests
{
    [Fact]
    public async Task Serves_the_cached_page_until_a_write_or_the_lifetime_ends()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var cache = new FeedCache(time, new MemoryCacheGenerations(), NullLogger<FeedCache>.Instance);
        var loads = 0;
        Task<string> Load() => Task.FromResult($"page {++loads}");

        (await cache.GetOrAddAsync("explore", Load)).ShouldBe("page 1");
        (await cache.GetOrAddAsync("explore", Load)).ShouldBe("page 1");
        await cache.InvalidateAsync();
        (await cache.GetOrAddAsync("explore", Load)).ShouldBe("page 2");
        time.Advance(FeedCache.Lifetime);
        (await cache.GetOrAddAsync("explore", Load)).ShouldBe("page 3");
        (await cache.GetOrAddAsync("other", Load)).ShouldBe("page 4");
    }

    [Fact]
    public async Task Holds_at_most_max_entries_and_makes_room_as_they_expire()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var cache = new FeedCache(time, new MemoryCacheGenerations(), NullLogger<FeedCache>.Instance);
        var loads = 0;
        Task<int> Load() => Task.FromResult(++loads);
        for (var i = 0; i < FeedCache.MaxEntries; i++)
        {
            await cache.GetOrAddAsync($"cursor {i}", Load);
        }

        // Full: a new key is served but not kept, and the kept ones still hit.
        (await cache.GetOrAddAsync("one more", Load)).ShouldBe(FeedCache.MaxEntries + 1);
        (await cache.GetOrAddAsync("one more", Load)).ShouldBe(FeedCache.MaxEntries + 2);
        (await cache.GetOrAddAsync("cursor 0", Load)).ShouldBe(1);

        time.Advance(FeedCache.Lifetime);
        (await cache.GetOrAddAsync("one more", Load)).ShouldBe(FeedCache.MaxEntries + 3);
        (await cache.GetOrAddAsync("one more", Load)).ShouldBe(FeedCache.MaxEntries + 3, "the expired entries made room");
    }

    [Fact]
    public async Task A_write_during_a_load_keeps_that_load_out_of_the_cache()
    {
        var cache = new FeedCache(new ManualTimeProvider(DateTimeOffset.UnixEpoch), new MemoryCacheGenerations(), NullLogger<FeedCache>.Instance);
        var loads = 0;

        await cache.GetOrAddAsync("explore", async () =>
        {
            loads++;
            await cache.InvalidateAsync();
            return "stale";
        });
        (await cache.GetOrAddAsync("explore", () => Task.FromResult($"fresh {++loads}"))).ShouldBe("fresh 2");
    }

    [Fact]
    public async Task A_write_through_one_node_retires_the_pages_another_node_holds()
    {
        // Two nodes: a cache each, one generation source between them (Redis in production).
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var shared = new MemoryCacheGenerations();
        var first = new FeedCache(time, shared, NullLogger<FeedCache>.Instance);
        var second = new FeedCache(time, shared, NullLogger<FeedCache>.Instance);

        (await second.GetOrAddAsync("explore", () => Task.FromResult("before"))).ShouldBe("before");
        await first.InvalidateAsync();
        (await second.GetOrAddAsync("explore", () => Task.FromResult("after"))).ShouldBe("after");
    }

    [Fact]
    public async Task A_write_is_not_failed_by_a_shared_generation_that_does_not_answer()
    {
        var cache = new FeedCache(new ManualTimeProvider(DateTimeOffset.UnixEpoch), new UnreachableGenerations(), NullLogger<FeedCache>.Instance);

        await cache.InvalidateAsync();
    }

    private sealed class UnreachableGenerations : ICacheGenerations
    {
        public ValueTask<long> CurrentAsync(string cache) => ValueTask.FromResult(0L);

        public ValueTask AdvanceAsync(string cache) =>
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No connection is available.", null, CommandStatus.WaitingToBeSent);
    }
}
