using Clawverse.Core.Errors;
using Clawverse.Storage.Records;

namespace Clawverse.Core.Avatars;

/// <summary>The gallery's stable error codes (the seed documents none; these are this server's contract).</summary>
public static class AvatarErrors
{
    public const string InvalidPseudonym = "invalid_pseudonym";
    public const string PseudonymTaken = "pseudonym_taken";
    public const string PseudonymLocked = "pseudonym_locked";
    public const string InvalidOwnerType = "invalid_owner_type";
    public const string InvalidTags = "invalid_tags";
    public const string BioTooLong = "bio_too_long";
    public const string ImageRequired = "image_required";
    public const string ImageTooLarge = "image_too_large";
    public const string InvalidManagementKey = "invalid_management_key";
    public const string AvatarNotFound = "avatar_not_found";
    public const string AvatarPermanent = "avatar_permanent";
    public const string PhoneVerificationRequired = "phone_verification_required";
    public const string ChecksumRequired = "checksum_required";
    public const string NotVerified = "not_verified";
    public const string AlreadyVerified = "already_verified";
    public const string WrongOwnerType = "wrong_owner_type";
    public const string InvalidPhone = "invalid_phone";
    public const string PhoneInUse = "phone_in_use";
    public const string InvalidCode = "invalid_code";
    public const string SmsUnavailable = "sms_unavailable";
    public const string AgentAlreadyLinked = "agent_already_linked";
    public const string AlreadyForever = "already_forever";
    public const string AvatarChanged = "avatar_changed";
    public const string SiweWrongAvatar = "siwe_wrong_avatar";
    public const string AgentNotAccountable = "agent_not_accountable";

    public static Error NotFound() => new(AvatarNotFound, "Avatar not found.", 404);

    public static Error BadKey() => new(InvalidManagementKey, "The management key does not match this avatar.", 403);

    public static Error Permanent(AvatarRecord avatar) => new(AvatarPermanent,
        avatar.IsFounder() ? "Founder avatars are system-protected: they cannot be deleted, renamed or transferred."
            : "Forever avatars are permanent: they cannot be deleted, renamed or transferred.", 403);
}
