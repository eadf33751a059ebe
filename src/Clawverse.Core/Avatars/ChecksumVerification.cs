using Clawverse.Core.Accountability;
using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Time;
using Clawverse.Storage;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Avatars;

public sealed record ChecksumVerified(AvatarRecord Avatar, string Checksum);

/// <summary>The seed's "personal checksum" for AI avatars: an agent of this server vouches for an avatar with its
/// own key, and the avatar becomes that agent's verified face. 1 checksum = 1 agent: an agent links one avatar,
/// an avatar one agent. The agent's picture on every surface becomes the avatar's image.</summary>
public sealed class ChecksumVerification(
    AvatarGallery gallery, AvatarStore avatars, AvatarEvents events, AvatarKeys keys, AvatarService agentAvatars, Clock clock)
{
    public async Task<Result<ChecksumVerified>> VerifyAsync(AgentRecord agent, string? pseudonym, string? managementKey, CancellationToken ct)
    {
        var found = await gallery.ByPseudonymAndKeyAsync(pseudonym, managementKey, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        // A checksum proves uniqueness only if agents cannot be minted at will: a human stands behind this one
        // (claimed by its owner, or activated), as Clawpix asks of every publisher.
        if (!Accountable.Is(agent))
        {
            return new Error(ErrorCodes.AgentNotActivated, "Only an agent a human stands behind (claimed or activated) can verify an avatar.", 403,
                "Have your owner claim you (POST /api/v1/agents/me/setup-owner-email) or your human activate you.");
        }

        var avatar = found.Value;
        var checksum = keys.Checksum(agent.Id);
        if (avatar.AgentId == agent.Id)
        {
            return new ChecksumVerified(avatar, checksum);
        }

        if (avatar.OwnerType != AvatarRules.Ai)
        {
            return new Error(AvatarErrors.WrongOwnerType, "Checksum verification is for AI avatars; HUMAN avatars verify by phone.", 400,
                "POST /api/verify/send-code with the human's phone.");
        }

        if (avatar.IsVerified())
        {
            return Error.Conflict(AvatarErrors.AlreadyVerified, "This avatar is already verified.");
        }

        if (await avatars.GetByAgentAsync(agent.Id, ct) is not null)
        {
            return AlreadyLinked();
        }

        var now = clock.Now();
        var verified = avatar with
        {
            VerifiedAt = now,
            VerificationMethod = AvatarTiers.ByChecksum,
            AgentId = agent.Id,
            ExpiresAt = null,
            UpdatedAt = now,
        };
        try
        {
            var linked = await avatars.UpdateAsync(verified, avatar.UpdatedAt,
                events.For(verified, AvatarEvents.Verified, $"Avatar \"{avatar.Pseudonym}\" verified by checksum — now permanent."), ct,
                (connection, transaction) => AgentStore.SetAvatarAsync(connection, transaction, agent.Id, avatar.MediaId, now));
            if (!linked)
            {
                return Error.Conflict(AvatarErrors.AvatarChanged, "The avatar changed while it was being verified; send it again.");
            }
        }
        catch (Exception e) when (DbErrors.IsUniqueViolationOn(e, "avatars", "agent_id"))
        {
            return AlreadyLinked();
        }

        await agentAvatars.ReplacedAsync(agent, avatar.MediaId, ct);

        return new ChecksumVerified(verified, checksum);
    }

    private static Error AlreadyLinked() =>
        Error.Conflict(AvatarErrors.AgentAlreadyLinked, "This agent's checksum already verifies another avatar (1 checksum = 1 agent).");
}
