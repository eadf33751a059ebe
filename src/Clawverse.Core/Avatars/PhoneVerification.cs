using System.Security.Cryptography;
using Clawverse.Core.Errors;
using Clawverse.Core.Outside.Sms;
using Clawverse.Core.Time;
using Clawverse.Storage;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Avatars;

/// <summary>Phone verification of HUMAN avatars and key recovery by phone (seeds/clawvatar.txt /api/verify/*,
/// /api/recover/*). Codes are six digits, live ten minutes, allow five guesses, and only the latest one sent
/// counts; the number itself is never stored, only its keyed hash.</summary>
public sealed class PhoneVerification(
    AvatarGallery gallery, AvatarStore avatars, AvatarCodeStore codes, AvatarEvents events, AvatarKeys keys, ISmsSender sms, Clock clock,
    ILogger<PhoneVerification> logger)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    public const int MaxAttempts = 5;

    private const string Verify = "verify";
    private const string Recover = "recover";

    /// <summary>Sends a verification code. On a verified avatar, to the phone it was verified with: the fresh
    /// proof a human's delete needs.</summary>
    public async Task<Result<bool>> SendVerificationAsync(string? pseudonym, string? managementKey, string? phone, CancellationToken ct)
    {
        var found = await gallery.ByPseudonymAndKeyAsync(pseudonym, managementKey, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var avatar = found.Value;
        if (avatar.OwnerType != AvatarRules.Human)
        {
            return new Error(AvatarErrors.WrongOwnerType, "Phone verification is for HUMAN avatars; AI avatars verify by checksum.", 400,
                "POST /api/verify/checksum with your agent's API key.");
        }

        if (PhoneNumbers.ToE164(phone) is not { } e164)
        {
            return InvalidPhone();
        }

        // Whether the number already verifies another avatar is told only once the code is confirmed, to whoever
        // holds the phone: answered here, it would tell anyone which numbers are registered.
        var phoneHash = keys.PhoneHash(e164);
        if (avatar.IsVerified() && (avatar.PhoneHash is null || !AvatarKeys.SameHash(avatar.PhoneHash, phoneHash)))
        {
            return Error.Conflict(AvatarErrors.AlreadyVerified, "This avatar is already verified with another phone.");
        }

        return await SendCodeAsync(avatar, Verify, e164, phoneHash, "verification", ct);
    }

    public async Task<Result<AvatarRecord>> ConfirmVerificationAsync(string? pseudonym, string? managementKey, string? phone, string? code, CancellationToken ct)
    {
        var found = await gallery.ByPseudonymAndKeyAsync(pseudonym, managementKey, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var avatar = found.Value;
        if (PhoneNumbers.ToE164(phone) is not { } e164)
        {
            return InvalidPhone();
        }

        var phoneHash = keys.PhoneHash(e164);
        if (await CheckCodeAsync(avatar, Verify, phoneHash, code, ct) is { } refused)
        {
            return refused;
        }

        if (!avatar.IsVerified() && await avatars.GetByPhoneHashAsync(phoneHash, ct) is not null)
        {
            return PhoneInUse();
        }

        var now = clock.Now();
        var verified = avatar.IsVerified()
            ? avatar with { PhoneConfirmedAt = now, UpdatedAt = now }
            : avatar with
            {
                VerifiedAt = now,
                VerificationMethod = AvatarTiers.ByPhone,
                PhoneHash = phoneHash,
                PhoneConfirmedAt = now,
                ExpiresAt = null,
                UpdatedAt = now,
            };
        var happened = avatar.IsVerified() ? null
            : events.For(verified, AvatarEvents.Verified, $"Avatar \"{avatar.Pseudonym}\" verified by phone — now permanent.");
        try
        {
            return await avatars.UpdateAsync(verified, avatar.UpdatedAt, happened, ct)
                ? verified
                : Error.Conflict(AvatarErrors.AvatarChanged, "The avatar changed while this code was checked; send it again.");
        }
        catch (Exception e) when (DbErrors.IsUniqueViolationOn(e, "avatars", "phone_hash"))
        {
            return PhoneInUse();
        }
    }

    /// <summary>Always "sent": a code goes out only when the pseudonym was verified with this phone, and no
    /// answer says whether it was, not even by its time: the code is written and texted after the answer, so a
    /// match costs the caller what a miss does (one look-up and one hash).</summary>
    public async Task SendRecoveryAsync(string? pseudonym, string? phone, CancellationToken ct)
    {
        if (await VerifiedByPhoneAsync(pseudonym, phone, ct) is { } match)
        {
            _ = Task.Run(() => SendRecoveryCodeAsync(match.Avatar, match.E164, match.PhoneHash), CancellationToken.None);
        }
    }

    // Not tied to the request: its end must not cancel the text. A failure is the operator's to see, in the log.
    private async Task SendRecoveryCodeAsync(AvatarRecord avatar, string e164, byte[] phoneHash)
    {
        try
        {
            if (await SendCodeAsync(avatar, Recover, e164, phoneHash, "recovery", CancellationToken.None) is { IsSuccess: false } failed)
            {
                logger.LogWarning("Recovery code for {Pseudonym} to {Phone} not sent: {Code}", avatar.Pseudonym, SmsNumbers.Mask(e164), failed.Error.Code);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Recovery code for {Pseudonym} failed", avatar.Pseudonym);
        }
    }

    /// <summary>A new management key for the avatar; the old one stops working. Every failure reads the same.</summary>
    public async Task<Result<string>> ConfirmRecoveryAsync(string? pseudonym, string? phone, string? code, CancellationToken ct)
    {
        if (await VerifiedByPhoneAsync(pseudonym, phone, ct) is not { } match)
        {
            // The same reads a match makes, so a miss takes as long as a wrong code.
            await codes.CurrentAsync(Guid.Empty, Recover, ct);
            return InvalidCode();
        }

        if (await CheckCodeAsync(match.Avatar, Recover, match.PhoneHash, code, ct) is not null)
        {
            return InvalidCode();
        }

        var key = AvatarKeys.NewManagementKey();
        var now = clock.Now();
        var recovered = match.Avatar with { ManagementKeyHash = keys.ManagementKeyHash(key), PhoneConfirmedAt = now, UpdatedAt = now };
        return await avatars.UpdateAsync(recovered, match.Avatar.UpdatedAt,
            events.For(recovered, AvatarEvents.Recovered, $"Management key for \"{recovered.Pseudonym}\" recovered by phone."), ct)
            ? key
            : InvalidCode();
    }

    private async Task<(AvatarRecord Avatar, string E164, byte[] PhoneHash)?> VerifiedByPhoneAsync(string? pseudonym, string? phone, CancellationToken ct)
    {
        if (PhoneNumbers.ToE164(phone) is not { } e164 || string.IsNullOrWhiteSpace(pseudonym)
            || await avatars.GetByPseudonymAsync(AvatarRules.Normalize(pseudonym.Trim()), ct) is not { PhoneHash: { } stored } avatar)
        {
            return null;
        }

        var phoneHash = keys.PhoneHash(e164);
        return AvatarKeys.SameHash(stored, phoneHash) ? (avatar, e164, phoneHash) : null;
    }

    private async Task<Result<bool>> SendCodeAsync(AvatarRecord avatar, string purpose, string e164, byte[] phoneHash, string what, CancellationToken ct)
    {
        var now = clock.Now();
        var record = new AvatarCodeRecord
        {
            Id = clock.NewId(),
            AvatarId = avatar.Id,
            Purpose = purpose,
            PhoneHash = phoneHash,
            CodeHash = [],
            ExpiresAt = now + CodeLifetime,
            CreatedAt = now,
        };
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        record = record with { CodeHash = keys.CodeHash(record.Id, code) };
        await codes.ReplaceAsync(record, ct);
        var outcome = await sms.SendAsync(new SmsMessage(e164,
            $"Your ClawVatar {what} code for {avatar.Pseudonym} is {code}. It expires in {CodeLifetime.TotalMinutes:0} minutes."), ct);
        switch (outcome)
        {
            case SmsOutcome.Rejected:
                await codes.DeleteAsync(record.Id, ct);
                return InvalidPhone();
            case SmsOutcome.Unavailable:
                await codes.DeleteAsync(record.Id, ct);
                return new Error(AvatarErrors.SmsUnavailable, "The code could not be sent right now; try again in a few minutes.", 503);
            default:
                return true;
        }
    }

    // Null when the code is the current one for this avatar, purpose and phone; otherwise the refusal.
    private async Task<Error?> CheckCodeAsync(AvatarRecord avatar, string purpose, byte[] phoneHash, string? code, CancellationToken ct)
    {
        var current = await codes.CurrentAsync(avatar.Id, purpose, ct);
        if (current is null || current.ExpiresAt <= clock.Now() || !AvatarKeys.SameHash(current.PhoneHash, phoneHash)
            || string.IsNullOrWhiteSpace(code))
        {
            return InvalidCode();
        }

        if (!await codes.SpendAttemptAsync(current.Id, MaxAttempts, ct))
        {
            await codes.DeleteAsync(current.Id, ct);
            return new Error(AvatarErrors.InvalidCode, "Too many wrong codes; request a new one.", 400);
        }

        if (!AvatarKeys.SameHash(current.CodeHash, keys.CodeHash(current.Id, code.Trim())))
        {
            return InvalidCode();
        }

        return await codes.ConsumeAsync(current.Id, ct) ? null : InvalidCode();
    }

    private static Error PhoneInUse() =>
        Error.Conflict(AvatarErrors.PhoneInUse, "This phone number already verifies another avatar (1 phone = 1 avatar).");

    private static Error InvalidPhone() =>
        new(AvatarErrors.InvalidPhone, "phone must be a number in international format, e.g. +15551234567.", 400);

    private static Error InvalidCode() => new(AvatarErrors.InvalidCode, "Invalid or expired code.", 400);
}
