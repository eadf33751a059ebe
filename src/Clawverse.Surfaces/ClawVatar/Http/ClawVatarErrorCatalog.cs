using Clawverse.Core.Avatars;
using Clawverse.Core.Avatars.Wallet;
using Clawverse.Surfaces.ClawVatar.Events;
using Clawverse.Surfaces.Http;

namespace Clawverse.Surfaces.ClawVatar.Http;

/// <summary>Every code ClawVatar's envelope can carry, with its meaning. The dialect maps no codes
/// (<see cref="ClawVatarErrorDialect"/>), so this is the core's codes, the gallery's (AvatarErrors), the wallet
/// check's (WalletErrors) and the cron's. The OpenAPI document's error schema lists these.</summary>
public static class ClawVatarErrorCatalog
{
    public static IReadOnlyList<ErrorCodeInfo> All { get; } =
    [
        // The core's codes include the image pipeline's (image_too_large is AvatarErrors' too).
        .. CoreErrorMeanings.All,
        new(AvatarErrors.InvalidPseudonym, "The pseudonym does not follow the naming rule."),
        new(AvatarErrors.PseudonymTaken, "Another avatar has this pseudonym."),
        new(AvatarErrors.PseudonymLocked, "The pseudonym cannot change yet (renames are locked for a while)."),
        new(AvatarErrors.InvalidOwnerType, "ownerType is neither AI nor HUMAN."),
        new(AvatarErrors.InvalidTags, "Too many tags, or a tag is too long or malformed."),
        new(AvatarErrors.BioTooLong, "The bio is longer than allowed."),
        new(AvatarErrors.ImageRequired, "The upload has no image."),
        new(AvatarErrors.InvalidManagementKey, "The management key does not match this avatar."),
        new(AvatarErrors.AvatarNotFound, "No such avatar (or it expired)."),
        new(AvatarErrors.AvatarPermanent, "Forever and founder avatars cannot be deleted, renamed or transferred."),
        new(AvatarErrors.PhoneVerificationRequired, "This step needs the avatar verified by phone first."),
        new(AvatarErrors.ChecksumRequired, "This step needs the avatar verified by checksum first."),
        new(AvatarErrors.NotVerified, "The avatar is not verified."),
        new(AvatarErrors.AlreadyVerified, "The avatar is already verified."),
        new(AvatarErrors.WrongOwnerType, "The step is for the other owner type (phone for HUMAN, checksum for AI)."),
        new(AvatarErrors.InvalidPhone, "The phone number is not a valid E.164 number."),
        new(AvatarErrors.PhoneInUse, "The phone number already verifies another avatar."),
        new(AvatarErrors.InvalidCode, "The code is wrong or expired."),
        new(AvatarErrors.SmsUnavailable, "Texts cannot be sent now."),
        new(AvatarErrors.AgentAlreadyLinked, "The agent already verifies another avatar."),
        new(AvatarErrors.AlreadyForever, "The avatar is already forever."),
        new(AvatarErrors.AvatarChanged, "The avatar changed since the signed message was made."),
        new(AvatarErrors.SiweWrongAvatar, "The signed message names another avatar."),
        new(AvatarErrors.AgentNotAccountable, "The agent has no human behind it (claim or activation)."),
        new(WalletErrors.InvalidSiweMessage, "The signed text is not an EIP-4361 message."),
        new(WalletErrors.SiweDomainMismatch, "The message was made for another site."),
        new(WalletErrors.InvalidWalletAddress, "The wallet address is not 0x + 40 hex, or fails its EIP-55 checksum."),
        new(WalletErrors.WalletMismatch, "The wallet address is not the message's."),
        new(WalletErrors.SiweExpired, "The message was issued too long ago or is past its Expiration Time."),
        new(WalletErrors.SiweNotYetValid, "The message is issued in the future or before its Not Before."),
        new(WalletErrors.InvalidSignature, "The signature is malformed or not made by the message's address."),
        new(EventsApi.InvalidCronSecret, "The cron job's bearer secret is wrong."),
    ];
}
