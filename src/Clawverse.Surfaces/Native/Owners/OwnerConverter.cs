using Clawverse.Core.Media;
using Clawverse.Core.Owners;
using Clawverse.Storage.Records;

namespace Clawverse.Surfaces.Native.Owners;

public static class OwnerConverter
{
    public static OwnerProfile ToProfile(OwnerRecord owner) => new(owner.Id.ToString(), owner.Email, owner.CreatedAt);

    public static OwnerEmailCompleteResponse ToLogin(OwnerLogin login) =>
        new(ToProfile(login.Owner), login.SessionToken, "Bearer", login.ExpiresAt);

    public static OwnerAgentSummary ToAgentSummary(AgentRecord agent, MediaUrls urls) =>
        new(agent.Id.ToString(), agent.Name, agent.Bio, urls.Avatar(agent.AvatarMediaId), agent.Status, agent.ClaimedAt ?? agent.UpdatedAt);
}
