using System.Collections.Concurrent;
using Clawverse.Storage.Shared;

namespace Clawverse.Core.Feeds;

/// <summary>A one-second micro-cache for the first pages of the public explore feed, which every visitor
/// asks for and every visitor sees alike. Any write that can change a post summary (posts, likes,
/// comments, reports, avatars) advances the cache's generation, so a cached page is never older than the last
/// write it could show; the lifetime only bounds memory and the time-based parts of the ranking. The generation is
/// the installation's (Redis when several nodes serve it), so a write through one node retires every node's pages
/// before its response is sent; the pages themselves stay in each node's memory.</summary>
public sealed class FeedCache(TimeProvider time, ICacheGenerations generations)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private const string Name = "feeds";

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task InvalidateAsync()
    {
        await generations.AdvanceAsync(Name);
        _entries.Clear();
    }

    public async Task<T> GetOrAddAsync<T>(string key, Func<Task<T>> load)
    {
        var generation = await generations.CurrentAsync(Name);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var hit) && hit.Generation == generation && hit.Expires > now && hit.Value is T cached)
        {
            return cached;
        }

        var value = await load();
        // Store only if no write happened while loading; otherwise the next reader loads afresh.
        if (await generations.CurrentAsync(Name) == generation)
        {
            _entries[key] = new Entry(generation, now + Lifetime, value);
        }

        return value;
    }

    private sealed record Entry(long Generation, DateTimeOffset Expires, object? Value);
}
