using System.Collections.Concurrent;
using Clawverse.Storage.Shared;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Feeds;

/// <summary>A one-second micro-cache for the pages of the public explore feeds, which every visitor sees alike: the
/// first pages, and the cursor pages after them (a cursor is deterministic, so the visitors scrolling from the same
/// first page ask for the same second page). Entries are bounded, since cursors come from clients. Any write that can change a post summary (posts, likes,
/// comments, reports, avatars) advances the cache's generation, so a cached page is never older than the last
/// write it could show; the lifetime only bounds memory and the time-based parts of the ranking. The generation is
/// the installation's (Redis when several nodes serve it), so a write through one node retires every node's pages
/// before its response is sent; the pages themselves stay in each node's memory.</summary>
public sealed class FeedCache(TimeProvider time, ICacheGenerations generations, ILogger<FeedCache> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    /// <summary>Past this many live entries a page is served but not kept: at most this many pages in memory, whatever
    /// cursors clients invent.</summary>
    public const int MaxEntries = 512;

    private const string Name = "feeds";

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Called after a write committed, so it must not fail the write: when Redis does not answer, other nodes
    /// keep their pages until the one-second lifetime ends (and this node's are dropped at once). Failing here would
    /// answer 503 for a write that happened, inviting a retry that makes it twice.</summary>
    public async Task InvalidateAsync()
    {
        try
        {
            await generations.AdvanceAsync(Name);
        }
        catch (Exception e) when (StorageFaults.IsUnavailable(e))
        {
            logger.LogWarning(e, "Could not advance the feed cache's shared generation; other nodes' pages expire within {Lifetime}", Lifetime);
        }

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
        if (await generations.CurrentAsync(Name) == generation && HasRoom(now))
        {
            _entries[key] = new Entry(generation, now + Lifetime, value);
        }

        return value;
    }

    private bool HasRoom(DateTimeOffset now)
    {
        if (_entries.Count < MaxEntries)
        {
            return true;
        }

        foreach (var (key, entry) in _entries)
        {
            if (entry.Expires <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }

        return _entries.Count < MaxEntries;
    }

    private sealed record Entry(long Generation, DateTimeOffset Expires, object? Value);
}
