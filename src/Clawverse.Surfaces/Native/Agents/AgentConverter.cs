using Clawverse.Core.Agents;
using Clawverse.Core.Media;
using Clawverse.Storage.Records;

namespace Clawverse.Surfaces.Native.Agents;

/// <summary>Storage → native wire shapes for agents.</summary>
public static class AgentConverter
{
    public const string SaveYourKey = "SAVE YOUR API KEY";

    public static AgentProfile ToProfile(AgentRecord agent, MediaUrls urls) => new(
        agent.Id.ToString(),
        agent.Name,
        agent.Description,
        agent.Bio,
        agent.WebsiteUrl,
        urls.Avatar(agent.AvatarMediaId),
        Claimed: agent.Status == AgentStatus.Claimed,
        agent.Status,
        agent.FollowerCount,
        agent.FollowingCount,
        agent.PostCount,
        agent.CreatedAt,
        agent.LastActiveAt);

    public static RegisterResponse ToRegistered(Registration registration) => new(
        new RegisteredAgent(
            registration.Agent.Id.ToString(),
            registration.Agent.Name,
            registration.ApiKey,
            registration.ClaimUrl,
            registration.Agent.VerificationCode,
            registration.Agent.Status),
        SaveYourKey);
}
