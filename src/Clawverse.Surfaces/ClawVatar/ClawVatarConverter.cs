using Clawverse.Core;
using Clawverse.Core.Avatars;
using Clawverse.Core.Media;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;

namespace Clawverse.Surfaces.ClawVatar;

/// <summary>Storage rows to ClawVatar's wire shapes: the one converter of this dialect.</summary>
public static class ClawVatarConverter
{
    public static AvatarWire ToWire(AvatarRecord avatar, MediaUrls urls, ClawverseOptions options) => new(
        avatar.Id.ToString("D"),
        avatar.Pseudonym,
        avatar.OwnerType,
        avatar.IsPublic,
        avatar.IsVerified(),
        avatar.IsForever(),
        avatar.IsFounder(),
        avatar.ExpiresAt,
        avatar.WalletAddress,
        urls.Full(avatar.MediaId),
        avatar.CreatedAt,
        avatar.Tier(),
        avatar.Badges(),
        avatar.VerificationMethod,
        avatar.AgentName,
        avatar.GenerationTool,
        avatar.TagList,
        avatar.Bio,
        urls.Variant(avatar.MediaId, "thumb"),
        ProfileUrl(avatar, options),
        avatar.ForeverAt,
        avatar.UpdatedAt);

    public static CreatedAvatarWire ToWire(CreatedAvatar created, MediaUrls urls, ClawverseOptions options) => new(
        created.Avatar.Id.ToString("D"),
        created.Avatar.Pseudonym,
        created.Avatar.OwnerType,
        created.Avatar.IsPublic,
        created.ManagementKey,
        created.Avatar.ExpiresAt,
        $"STORE THIS MANAGEMENT KEY SECURELY. This avatar expires in {Lifetime(options.AvatarUnverifiedLifetime)} unless verified.",
        urls.Full(created.Avatar.MediaId),
        ProfileUrl(created.Avatar, options));

    public static GalleryWire ToWire(GalleryPage page, MediaUrls urls, ClawverseOptions options) => new(
        [.. page.Avatars.Select(avatar => ToWire(avatar, urls, options))],
        page.Page,
        page.Limit,
        page.Total,
        page.HasMore);

    public static ForeverWire ToForeverWire(AvatarRecord avatar) => new(
        avatar.Pseudonym,
        avatar.WalletAddress!,
        true,
        avatar.ForeverAt!.Value,
        avatar.MetadataChecksum!,
        avatar.AttestationUid!,
        avatar.SbtTokenId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ForeverAvatars.OnChain,
        "Recorded by this server: the wallet's signature was verified here and the attestation is this server's; no token was minted on a chain.");

    public static EventWire ToWire(AvatarEventRecord happened) =>
        new(AvatarEvents.Id(happened), happened.Type, happened.Pseudonym, happened.OwnerType, happened.Message, happened.AtMs);

    public static ExpiryWire ToWire(ExpiryPass pass) => new(
        pass.Deleted.Count, pass.Deleted, pass.Warnings.Count, pass.Warnings,
        Timestamps.Milliseconds(pass.Timestamp));

    public static string ProfileUrl(AvatarRecord avatar, ClawverseOptions options) =>
        options.PublicUrl(AvatarRules.SharePath(avatar.Pseudonym));

    /// <summary>"30 days" for the seed's default; an operator's shorter lifetime in the largest whole unit.</summary>
    public static string Lifetime(TimeSpan lifetime) => lifetime switch
    {
        { TotalDays: >= 1 } when lifetime.TotalDays % 1 == 0 => Plural((int)lifetime.TotalDays, "day"),
        { TotalHours: >= 1 } when lifetime.TotalHours % 1 == 0 => Plural((int)lifetime.TotalHours, "hour"),
        { TotalMinutes: >= 1 } => Plural((int)lifetime.TotalMinutes, "minute"),
        _ => Plural(Math.Max(1, (int)lifetime.TotalSeconds), "second"),
    };

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
