using Clawverse.Core.Errors;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Avatars;

/// <summary>Founder avatars (`clawverse admin avatars founder &lt;pseudonym&gt;`): system-locked by an operator,
/// verified, never expiring, never deleted or renamed.</summary>
public sealed class FounderAvatars(AvatarStore avatars, AvatarEvents events, Clock clock)
{
    public async Task<Result<AvatarRecord>> MakeFounderAsync(string pseudonym, CancellationToken ct)
    {
        if (await avatars.GetByPseudonymAsync(AvatarRules.Normalize(pseudonym.Trim()), ct) is not { } avatar)
        {
            return AvatarErrors.NotFound();
        }

        if (avatar.IsFounder())
        {
            return avatar;
        }

        var now = clock.Now();
        var founder = avatar with
        {
            FounderAt = now,
            VerifiedAt = avatar.VerifiedAt ?? now,
            VerificationMethod = avatar.VerificationMethod ?? AvatarTiers.ByOperator,
            ExpiresAt = null,
            UpdatedAt = now,
        };
        return await avatars.UpdateAsync(founder, avatar.UpdatedAt,
            events.For(founder, AvatarEvents.Locked, $"Avatar \"{avatar.Pseudonym}\" locked as a founder avatar."), ct)
            ? founder
            : Error.Conflict(AvatarErrors.AvatarChanged, "The avatar changed meanwhile; run the command again.");
    }
}
