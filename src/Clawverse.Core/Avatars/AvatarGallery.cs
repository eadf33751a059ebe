using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Media;
using Clawverse.Core.Moderation;
using Clawverse.Core.Time;
using Clawverse.Storage;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Avatars;

public sealed record AvatarUpload(
    byte[] Image, string? Pseudonym, string? OwnerType, string? AgentName, bool IsPublic, string? GenerationTool,
    IReadOnlyList<string> Tags, string? Bio);

public sealed record CreatedAvatar(AvatarRecord Avatar, string ManagementKey);

/// <summary>What POST /api/avatar/update may change; null leaves a field as it is (Bio: BioGiven with null clears it).</summary>
public sealed record AvatarChange(string? Pseudonym, bool? IsPublic, IReadOnlyList<string>? Tags, bool BioGiven, string? Bio);

public sealed record GalleryPage(IReadOnlyList<AvatarRecord> Avatars, int Page, int Limit, long Total)
{
    /// <summary>Whether a later page holds more avatars.</summary>
    public bool HasMore => (long)(Page + 1) * Limit < Total;
}

/// <summary>The avatar gallery's operations (seeds/clawvatar.txt), shared by the ClawVatar API and the web pages.
/// An avatar is managed by whoever holds its management key; this server keeps only the key's keyed hash.</summary>
public sealed class AvatarGallery(
    AvatarStore avatars, AvatarEvents events, AvatarKeys keys, MediaService media, ContentPolicy policy, ClawverseOptions options, Clock clock)
{
    /// <summary>How long after a phone code a verified human may delete their avatar.</summary>
    public static readonly TimeSpan PhoneProofWindow = TimeSpan.FromMinutes(10);

    public async Task<Result<CreatedAvatar>> CreateAsync(AvatarUpload upload, CancellationToken ct)
    {
        // Every field is checked, and the pseudonym looked up, before any image work.
        var pseudonym = AvatarRules.Pseudonym(upload.Pseudonym);
        var ownerType = AvatarRules.OwnerType(upload.OwnerType);
        var tags = AvatarRules.Tags(upload.Tags);
        var bio = AvatarRules.Bio(upload.Bio);
        var agentName = AvatarRules.Label("agentName", upload.AgentName);
        var tool = AvatarRules.Label("generationTool", upload.GenerationTool);
        if (Error.First(pseudonym.Error, ownerType.Error, tags.Error, bio.Error, agentName.Error, tool.Error) is { } invalid)
        {
            return invalid;
        }

        if (upload.Image.Length == 0)
        {
            return new Error(AvatarErrors.ImageRequired, "Send the image file in the \"image\" field.", 400);
        }

        if (await avatars.GetByPseudonymAsync(AvatarRules.Normalize(pseudonym.Value!), ct) is not null)
        {
            return Taken(pseudonym.Value!);
        }

        var processed = await media.ProcessBytesAsync(upload.Image, MediaRules.GalleryAvatar, ct);
        if (!processed.IsSuccess)
        {
            return processed.Error;
        }

        if (processed.Value.Variants.Sum(variant => variant.ByteSize) > MediaRules.AvatarStoredBytes)
        {
            return new Error(AvatarErrors.ImageTooLarge, "The resized avatar is still larger than 2 MB.", 413);
        }

        // The content policy of every surface: the words shown beside the image, and the image as readers see it.
        // (Avatars accepted while moderation is down are not queued: the queue is of posts.)
        var words = Words(pseudonym.Value, agentName.Value, tool.Value, bio.Value, string.Join(' ', tags.Value!));
        var allowed = await policy.CheckAsync(null, words, processed.Value.GetVariant("feed").Bytes, "image/webp", ct);
        if (!allowed.IsSuccess)
        {
            return allowed.Error;
        }

        var stored = await media.StoreAsync(SystemAgent.Id, processed.Value, ct);
        var key = AvatarKeys.NewManagementKey();
        var now = clock.Now();
        var avatar = new AvatarRecord
        {
            Id = clock.NewId(),
            Pseudonym = pseudonym.Value!,
            PseudonymNormalized = AvatarRules.Normalize(pseudonym.Value!),
            OwnerType = ownerType.Value!,
            AgentName = agentName.Value,
            GenerationTool = tool.Value,
            Bio = bio.Value,
            Tags = string.Join(',', tags.Value!),
            IsPublic = upload.IsPublic,
            MediaId = stored.Id,
            ManagementKeyHash = keys.ManagementKeyHash(key),
            ExpiresAt = now + options.AvatarUnverifiedLifetime,
            CreatedAt = now,
            UpdatedAt = now,
        };
        try
        {
            await avatars.InsertAsync(avatar, events.For(avatar, AvatarEvents.Created,
                $"New {avatar.OwnerType} avatar \"{avatar.Pseudonym}\" created."), ct);
        }
        catch (Exception e)
        {
            // Nothing references the image now: release it whatever failed (cancellation included).
            await media.ReleaseAsync([stored.Id], CancellationToken.None);
            if (DbErrors.IsUniqueViolation(e))
            {
                // Another upload took the pseudonym between the look-up and the insert.
                return Taken(avatar.Pseudonym);
            }

            throw;
        }

        return new CreatedAvatar(avatar, key);
    }

    /// <summary>A public avatar by pseudonym (any case); private ones are not found.</summary>
    public async Task<Result<AvatarRecord>> GetPublicAsync(string? pseudonym, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(pseudonym) || await avatars.GetByPseudonymAsync(AvatarRules.Normalize(pseudonym.Trim()), ct) is not { IsPublic: true } found
            || IsExpired(found)
            ? AvatarErrors.NotFound()
            : found;

    /// <summary>Past its time: gone to everyone, before the daily job removes it.</summary>
    public bool IsExpired(AvatarRecord avatar) => avatar.ExpiresAt is { } expires && expires <= clock.Now();

    /// <summary>A page of the public gallery, newest first: page from 0, limit at least 1 and at most 50 (more is 50).</summary>
    public async Task<Result<GalleryPage>> ListAsync(string? ownerType, string? search, string? tag, long page, long limit, CancellationToken ct)
    {
        string? owner = null;
        if (!string.IsNullOrWhiteSpace(ownerType))
        {
            var parsed = AvatarRules.OwnerType(ownerType);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            owner = parsed.Value;
        }

        if (page < 0 || limit < 1)
        {
            return Error.Validation("page starts at 0; limit is at least 1.");
        }

        var size = (int)Math.Min(limit, AvatarRules.MaxPageSize);
        // No pseudonym is longer than its maximum, so neither need a search be.
        var substring = Blank(search) is { } text ? text[..Math.Min(text.Length, AvatarRules.PseudonymMax)] : null;
        var query = new AvatarQuery(owner, substring, Blank(tag)?.ToLowerInvariant(), (int)Math.Min(page, 100_000), size, clock.Now());
        var (found, total) = await avatars.ListPublicAsync(query, ct);
        return new GalleryPage(found, query.Page, size, total);
    }

    public async Task<Result<AvatarRecord>> UpdateAsync(string? managementKey, AvatarChange change, CancellationToken ct)
    {
        var found = await ByKeyAsync(managementKey, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var avatar = found.Value;
        var now = clock.Now();
        var updated = avatar with { UpdatedAt = now };
        if (change.Pseudonym is { } wanted && wanted.Trim() != avatar.Pseudonym)
        {
            var renamed = Rename(avatar, wanted, now);
            if (!renamed.IsSuccess)
            {
                return renamed.Error;
            }

            updated = updated with { Pseudonym = renamed.Value, PseudonymNormalized = AvatarRules.Normalize(renamed.Value), PseudonymChangedAt = now };
        }

        if (change.Tags is { } tagValues)
        {
            var tags = AvatarRules.Tags(tagValues);
            if (!tags.IsSuccess)
            {
                return tags.Error;
            }

            updated = updated with { Tags = string.Join(',', tags.Value) };
        }

        if (change.BioGiven)
        {
            var bio = AvatarRules.Bio(change.Bio);
            if (!bio.IsSuccess)
            {
                return bio.Error;
            }

            updated = updated with { Bio = bio.Value };
        }

        if (change.IsPublic is { } isPublic)
        {
            updated = updated with { IsPublic = isPublic };
        }

        // Only what changed is checked again.
        var newWords = Words(
            updated.Pseudonym != avatar.Pseudonym ? updated.Pseudonym : null,
            updated.Bio != avatar.Bio ? updated.Bio : null,
            updated.Tags != avatar.Tags ? string.Join(' ', updated.TagList) : null);
        if (newWords.Length > 0 && await policy.CheckAsync(null, newWords, null, null, ct) is { IsSuccess: false } refused)
        {
            return refused.Error;
        }

        try
        {
            return await avatars.UpdateAsync(updated, avatar.UpdatedAt, null, ct)
                ? updated
                : Error.Conflict(AvatarErrors.AvatarChanged, "The avatar changed while this update ran; send it again.");
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return Taken(updated.Pseudonym);
        }
    }

    /// <summary>{available} or {available: false, suggestion} with a suggestion that is free now.</summary>
    public async Task<Result<(bool Available, string? Suggestion)>> CheckAsync(string? pseudonym, CancellationToken ct)
    {
        var valid = AvatarRules.Pseudonym(pseudonym);
        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        if (await avatars.GetByPseudonymAsync(AvatarRules.Normalize(valid.Value), ct) is null)
        {
            return (true, (string?)null);
        }

        return (false, await SuggestAsync(valid.Value, ct));
    }

    /// <summary>Deletes per the seed's tier table: forever and founder avatars never; a verified human's only
    /// within <see cref="PhoneProofWindow"/> of a phone code; a verified AI's with its checksum (or its agent's key).</summary>
    public async Task<Result<AvatarRecord>> DeleteAsync(string? managementKey, string? checksum, Guid? callingAgent, CancellationToken ct)
    {
        var found = await ByKeyAsync(managementKey, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var avatar = found.Value;
        if (avatar.IsPermanent())
        {
            return AvatarErrors.Permanent(avatar);
        }

        var now = clock.Now();
        if (avatar.Tier() == AvatarTiers.VerifiedHuman && !(avatar.PhoneConfirmedAt is { } proved && now - proved <= PhoneProofWindow))
        {
            return new Error(AvatarErrors.PhoneVerificationRequired, "Deleting a verified human avatar needs a fresh phone code.", 403,
                "POST /api/verify/send-code and /api/verify/confirm-code with the verified phone, then delete within 10 minutes.");
        }

        if (avatar.Tier() == AvatarTiers.VerifiedAi && avatar.AgentId is { } linked
            && callingAgent != linked && !(checksum is not null && AvatarKeys.SameText(checksum.Trim(), keys.Checksum(linked))))
        {
            return new Error(AvatarErrors.ChecksumRequired, "Deleting a verified AI avatar needs its checksum.", 403,
                "Send \"checksum\" with the management key, or call with the linked agent's API key as the Bearer token.");
        }

        return await RemoveAsync(avatar, null, AvatarEvents.Deleted, $"Avatar \"{avatar.Pseudonym}\" was permanently deleted.", ct)
            ? avatar
            : Error.Conflict(AvatarErrors.AvatarChanged, "The avatar changed while it was being deleted; look at it again.");
    }

    /// <summary>Deletes the row as it was read (or, with <paramref name="expiredBy"/>, while still expired) with its
    /// event, then the image unless an agent wears it.</summary>
    internal async Task<bool> RemoveAsync(AvatarRecord avatar, DateTimeOffset? expiredBy, string eventType, string message, CancellationToken ct)
    {
        if (!await avatars.DeleteAsync(avatar.Id, avatar.UpdatedAt, expiredBy, events.For(avatar, eventType, message), ct))
        {
            return false;
        }

        await media.ReleaseAsync([avatar.MediaId], ct);
        return true;
    }

    /// <summary>The avatar a management key manages; a missing or unknown key is refused alike.</summary>
    public async Task<Result<AvatarRecord>> ByKeyAsync(string? managementKey, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(managementKey))
        {
            return new Error(AvatarErrors.InvalidManagementKey, "managementKey is required.", 401);
        }

        return await avatars.GetByKeyHashAsync(keys.ManagementKeyHash(managementKey.Trim()), ct) is { } avatar && !IsExpired(avatar)
            ? avatar
            : new Error(AvatarErrors.InvalidManagementKey, "No avatar has this management key.", 401);
    }

    /// <summary>The avatar named by pseudonym whose management key this is.</summary>
    public async Task<Result<AvatarRecord>> ByPseudonymAndKeyAsync(string? pseudonym, string? managementKey, CancellationToken ct)
    {
        var found = await ByKeyAsync(managementKey, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        return pseudonym is null || AvatarRules.Normalize(pseudonym.Trim()) == found.Value.PseudonymNormalized
            ? found.Value
            : AvatarErrors.BadKey();
    }

    private Result<string> Rename(AvatarRecord avatar, string wanted, DateTimeOffset now)
    {
        if (avatar.IsPermanent())
        {
            return AvatarErrors.Permanent(avatar);
        }

        var pseudonym = AvatarRules.Pseudonym(wanted);
        if (!pseudonym.IsSuccess)
        {
            return pseudonym.Error;
        }

        if (avatar.PseudonymChangedAt is { } changed && now - changed < AvatarRules.PseudonymLock)
        {
            var until = changed + AvatarRules.PseudonymLock;
            return new Error(AvatarErrors.PseudonymLocked, $"The pseudonym was changed less than 30 days ago; it can change again after {Timestamps.Milliseconds(until)}.", 409);
        }

        return pseudonym.Value;
    }

    private async Task<string> SuggestAsync(string pseudonym, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            // Four digits first (the seed's "CoolBot42-1234"), more once those keep colliding; the stem is cut so
            // the suggestion stays within the maximum length.
            var digits = attempt < 8 ? 4 : 6;
            var stem = pseudonym[..Math.Min(pseudonym.Length, AvatarRules.PseudonymMax - 1 - digits)];
            var candidate = $"{stem}-{Random.Shared.Next((int)Math.Pow(10, digits - 1), (int)Math.Pow(10, digits))}";
            if (await avatars.GetByPseudonymAsync(AvatarRules.Normalize(candidate), ct) is null || attempt >= 20)
            {
                return candidate;
            }
        }
    }

    private static Error Taken(string pseudonym) =>
        Error.Conflict(AvatarErrors.PseudonymTaken, $"The pseudonym \"{pseudonym}\" is taken.", "POST /api/avatar/check-pseudonym suggests a free one.");

    /// <summary>The text the content policy reads: the given fields that are set, one a line.</summary>
    private static string Words(params string?[] fields) => string.Join('\n', fields.Where(field => !string.IsNullOrEmpty(field)));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
