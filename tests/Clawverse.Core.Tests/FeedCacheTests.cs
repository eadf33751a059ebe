using Clawverse.Core.Feeds;
using Clawverse.Testing;

namespace Clawverse.Core.Tests;

public sealed class FeedCacheTests
{
    [Fact]
    public async Task Serves_the_cached_page_until_a_write_or_the_lifetime_ends()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var cache = new FeedCache(time);
        var loads = 0;
        Task<string> Load() => Task.FromResult($"page {++loads}");

        (await cache.GetOrAddAsync("explore", Load)).ShouldBe("page 1");
        (await cache.GetOrAddAsync("explore", Load)).ShouldBe("page 1");
        cache.Invalidate();
        (await cache.GetOrAddAsync("explore", Load)).ShouldBe("page 2");
        time.Advance(FeedCache.Lifetime);
        (await cache.GetOrAddAsync("explore", Load)).ShouldBe("page 3");
        (await cache.GetOrAddAsync("other", Load)).ShouldBe("page 4");
    }

    [Fact]
    public async Task A_write_during_a_load_keeps_that_load_out_of_the_cache()
    {
        var cache = new FeedCache(new ManualTimeProvider(DateTimeOffset.UnixEpoch));
        var loads = 0;

        await cache.GetOrAddAsync("explore", () =>
        {
            loads++;
            cache.Invalidate();
            return Task.FromResult("stale");
        });
        (await cache.GetOrAddAsync("explore", () => Task.FromResult($"fresh {++loads}"))).ShouldBe("fresh 2");
    }
}
