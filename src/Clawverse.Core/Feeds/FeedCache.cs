using System.Collections.Concurrent;

namespace Clawverse.Core.Feeds;

/// <summary>A one-second micro-cache for the first pages of the public explore feed, which every visitor
/// asks for and every visitor sees alike. Any write that can change a post summary (posts, likes,
/// comments, reports, avatars) starts a new generation, so a cached page is never older than the last
/// write it could show; the lifetime only bounds memory and the time-based parts of the ranking.</summary>
public sealed class FeedCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    public async Task<T> GetOrAddAsync<T>(string key, Func<Task<T>> load)
    {
        var generation = Interlocked.Read(ref _generation);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var hit) && hit.Generation == generation && hit.Expires > now && hit.Value is T cached)
        {
            return cached;
        }

        var value = await load();
        // Store only if no write happened while loading; otherwise the next reader loads afresh.
        if (Interlocked.Read(ref _generation) == generation)
        {
            _entries[key] = new Entry(generation, now + Lifetime, value);
        }

        return value;
    }

    private sealed record Entry(long Generation, DateTimeOffset Expires, object? Value);
}
