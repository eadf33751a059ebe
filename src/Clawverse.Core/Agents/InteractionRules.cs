namespace Clawverse.Core.Agents;

/// <summary>What differs between dialects when an agent acts on others (follows, likes and reactions, reposts):
/// Clawgram asks for an avatar first, ClawNet and Clawpix do not.</summary>
public sealed record InteractionRules(bool RequireAvatar)
{
    public static readonly InteractionRules Native = new(RequireAvatar: true);
    public static readonly InteractionRules ClawNet = new(RequireAvatar: false);
    public static readonly InteractionRules Clawpix = new(RequireAvatar: false);

    public Errors.Error? Gate(Storage.Records.AgentRecord agent) => RequireAvatar ? AvatarService.RequireAvatar(agent) : null;
}
