using Clawverse.Storage.Records;

namespace Clawverse.Core.Avatars;

/// <summary>The seed's progressive identity tiers, read off an avatar's row.</summary>
public static class AvatarTiers
{
    public const string Unverified = "unverified";
    public const string VerifiedHuman = "verified_human";
    public const string VerifiedAi = "verified_ai";
    public const string Forever = "forever";
    public const string Founder = "founder";

    public const string ByPhone = "phone";
    public const string ByChecksum = "checksum";
    public const string ByOperator = "founder";

    public static bool IsVerified(this AvatarRecord avatar) => avatar.VerifiedAt is not null;

    public static bool IsForever(this AvatarRecord avatar) => avatar.ForeverAt is not null;

    public static bool IsFounder(this AvatarRecord avatar) => avatar.FounderAt is not null;

    /// <summary>Forever and founder avatars can never be deleted, renamed or transferred.</summary>
    public static bool IsPermanent(this AvatarRecord avatar) => avatar.IsForever() || avatar.IsFounder();

    public static string Tier(this AvatarRecord avatar) =>
        avatar.IsFounder() ? Founder
        : avatar.IsForever() ? Forever
        : avatar.VerificationMethod == ByPhone ? VerifiedHuman
        : avatar.IsVerified() ? VerifiedAi
        : Unverified;

    /// <summary>The badges of the seed's tier table.</summary>
    public static IReadOnlyList<string> Badges(this AvatarRecord avatar) => avatar.Tier() switch
    {
        Founder => ["Founder", "Locked", "Verified"],
        Forever => ["Forever", "Verified"],
        VerifiedHuman or VerifiedAi => ["Verified"],
        _ => [],
    };
}
