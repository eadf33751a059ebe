using Clawverse.Core.Errors;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Avatars;

/// <summary>The gallery's event stream (seeds/clawvatar.txt GET /api/events/recent). Events name only public
/// avatars: a private avatar is left out of the gallery, and a public stream naming it would undo that.</summary>
public sealed class AvatarEvents(AvatarEventStore events, Clock clock)
{
    public const string Created = "avatar:created";
    public const string Verified = "avatar:verified";
    public const string Locked = "avatar:locked";
    public const string Deleted = "avatar:deleted";
    public const string Recovered = "avatar:recovered";
    public const string Expired = "avatar:expired";
    public const string ExpiringSoon = "avatar:expiring_soon";

    /// <summary>How long events are kept: pollers every 30 seconds need minutes; days cover a poller's outage.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(3);

    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;

    /// <summary>The event for this change, or null when the avatar is private.</summary>
    public AvatarEventRecord? For(AvatarRecord avatar, string type, string message) =>
        avatar.IsPublic
            ? new AvatarEventRecord
            {
                Type = type,
                Pseudonym = avatar.Pseudonym,
                OwnerType = avatar.OwnerType,
                Message = message,
                AtMs = clock.Now().ToUnixTimeMilliseconds(),
            }
            : null;

    /// <summary>Events after <paramref name="since"/>, oldest first, and the since of the next poll (the seed's
    /// serverTime). When the page is full there may be more: serverTime is then one millisecond before the page's
    /// last event, so the next poll starts within that millisecond (events sharing it come again, with the same ids)
    /// instead of skipping what the limit cut off. Only a page that is one millisecond from end to end moves past it.</summary>
    public async Task<Result<(IReadOnlyList<AvatarEventRecord> Events, long ServerTime)>> RecentAsync(long since, long limit, CancellationToken ct)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Error.Validation($"limit is 1-{MaxLimit}.");
        }

        var now = clock.Now().ToUnixTimeMilliseconds();
        var found = await events.RecentAsync(since, (int)limit, ct);
        if (found.Count < limit)
        {
            // The clock was read first: what this read could not see yet is stamped no earlier than a moment before
            // now, so only a transaction still committing at this instant can be missed.
            return (found, now);
        }

        var last = found[^1].AtMs;
        return (found, found[0].AtMs == last ? last : last - 1);
    }

    public Task<int> PruneAsync(CancellationToken ct) =>
        events.PruneAsync((clock.Now() - Retention).ToUnixTimeMilliseconds(), ct);

    /// <summary>The seed's event id: "evt_{timestamp}_{sequence}".</summary>
    public static string Id(AvatarEventRecord happened) => $"evt_{happened.AtMs}_{happened.Seq}";
}
