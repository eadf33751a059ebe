using Clawverse.Core.Time;
using Clawverse.Storage.Stores;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Avatars;

public sealed record ExpiryPass(IReadOnlyList<string> Deleted, IReadOnlyList<string> Warnings, DateTimeOffset Timestamp);

/// <summary>The daily expiry job (seeds/clawvatar.txt POST /api/cron/expire-avatars): removes unverified
/// avatars whose 30 days are up, files included, and warns once those with less than 7 days left.</summary>
public sealed class AvatarExpiry(
    AvatarGallery gallery, AvatarStore avatars, AvatarCodeStore codes, AvatarEvents events, Clock clock, ILogger<AvatarExpiry> logger)
{
    private const int Batch = 200;

    public async Task<ExpiryPass> RunAsync(CancellationToken ct)
    {
        var now = clock.Now();
        var deleted = new List<string>();
        var failed = new HashSet<Guid>();
        while (true)
        {
            var expired = await avatars.ListExpiredAsync(now, Batch, ct);
            foreach (var avatar in expired)
            {
                try
                {
                    // Deleted only if still expired at this moment: a verification committed meanwhile wins.
                    if (await gallery.RemoveAsync(avatar, now, AvatarEvents.Expired,
                            $"Unverified avatar \"{avatar.Pseudonym}\" expired and was removed (30-day limit).", ct))
                    {
                        deleted.Add(avatar.Pseudonym);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One avatar's trouble (its blobs' store down) does not stop the others; it is retried next pass.
                    failed.Add(avatar.Id);
                    logger.LogError(e, "Expiring avatar {Pseudonym} failed; the next pass retries it", avatar.Pseudonym);
                }
            }

            if (expired.Count < Batch || expired.All(avatar => failed.Contains(avatar.Id)))
            {
                break;
            }
        }

        var warnings = new List<string>();
        foreach (var avatar in await avatars.ListUnwarnedExpiringAsync(now, now + AvatarRules.ExpiryWarning, ct))
        {
            var daysLeft = Math.Max(1, (int)Math.Ceiling((avatar.ExpiresAt!.Value - now).TotalDays));
            var left = $"{daysLeft}d left";
            if (await avatars.MarkWarnedAsync(avatar.Id, now, events.For(avatar, AvatarEvents.ExpiringSoon,
                    $"Avatar \"{avatar.Pseudonym}\" expires in {daysLeft} day{(daysLeft == 1 ? "" : "s")} — verify to save it."), ct))
            {
                warnings.Add($"{avatar.Pseudonym} ({left})");
            }
        }

        await events.PruneAsync(ct);
        await codes.PurgeExpiredAsync(now, ct);
        return new ExpiryPass(deleted, warnings, now);
    }
}
