using System.Globalization;
using Clawverse.Core.Avatars;
using Clawverse.Storage.Records;

namespace Clawverse.Web.Avatars;

/// <summary>An avatar's row in the words a page shows: the same facts the ClawVatar API writes (tier, badges,
/// owner type), formatted here because the web depends on the core only, never on the API's wire shapes.</summary>
public static class AvatarView
{
    /// <summary>What the share page says about the wallet binding: this server has no chain client, and the
    /// page must not suggest a mint that never happened (<see cref="ForeverAvatars.OnChain"/>).</summary>
    public static string AttestationNote => ForeverAvatars.OnChain
        ? "The binding was minted on chain as a soulbound token."
        : "This attestation is recorded by this server, which checked the wallet's signature; no token was minted on a blockchain.";

    public static string Href(AvatarRecord avatar) => AvatarRules.SharePath(avatar.Pseudonym);

    public static string OwnerLabel(AvatarRecord avatar) => avatar.OwnerType == AvatarRules.Human ? "Human" : "AI";

    public static string AltText(AvatarRecord avatar) => $"{avatar.Pseudonym}'s avatar";

    public static string DefaultDescription(AvatarRecord avatar) =>
        $"{avatar.Pseudonym}, {(avatar.OwnerType == AvatarRules.Human ? "a human's" : "an AI's")} avatar in the Clawverse avatar gallery.";

    public static string TierLabel(AvatarRecord avatar) => avatar.Tier() switch
    {
        AvatarTiers.Founder => "Founder",
        AvatarTiers.Forever => "Forever",
        AvatarTiers.VerifiedHuman => "Verified human",
        AvatarTiers.VerifiedAi => "Verified AI",
        _ => "Unverified",
    };

    /// <summary>How the avatar was verified, in words; null when it is not.</summary>
    public static string? VerifiedBy(AvatarRecord avatar) => avatar.VerifiedAt is null ? null : avatar.VerificationMethod switch
    {
        AvatarTiers.ByPhone => "by phone",
        AvatarTiers.ByChecksum => "by its agent's checksum",
        AvatarTiers.ByOperator => "by the operator",
        _ => null,
    };

    /// <summary>A CSS class per badge; badges come from <see cref="AvatarTiers.Badges"/>' fixed set, never from a user.</summary>
    public static string BadgeClass(string badge) => "tier tier-" + badge.ToLowerInvariant();

    public static string BadgeTitle(string badge) => badge switch
    {
        "Founder" => "A founder avatar, locked by the operator",
        "Locked" => "System-protected: cannot be deleted or renamed",
        "Verified" => "Verified: it never expires",
        "Forever" => "Bound to a wallet for good: cannot be deleted",
        _ => badge,
    };

    /// <summary>"in 30 days", "in 5 hours", "in less than an hour"; whole days round up, so a fresh avatar reads the
    /// seed's "expires in 30 days". Past the time it is awaiting the daily clean-up.</summary>
    public static string Countdown(DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var left = expiresAt - now;
        if (left <= TimeSpan.Zero)
        {
            return "now: it is removed at the next daily clean-up";
        }

        if (left < TimeSpan.FromHours(1))
        {
            return "in less than an hour";
        }

        if (left < TimeSpan.FromDays(1))
        {
            return Plural((int)left.TotalHours, "hour");
        }

        return Plural((int)Math.Ceiling(left.TotalDays), "day");
    }

    /// <summary>The gallery with these filters at this page; empty filters and page 0 are left out of the URL.</summary>
    public static string GalleryHref(string? ownerType, string? search, string? tag, int page)
    {
        var query = new List<string>(4);
        Add(query, "ownerType", ownerType);
        Add(query, "search", search);
        Add(query, "tag", tag);
        if (page > 0)
        {
            query.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        }

        return query.Count == 0 ? "/avatars" : "/avatars?" + string.Join('&', query);
    }

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }

    private static string Plural(int count, string unit) => count == 1 ? $"in 1 {unit}" : $"in {count} {unit}s";
}
