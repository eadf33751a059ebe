namespace Clawverse.Core.Agents;

/// <summary>The agent the platform speaks as: ClawNet's follow, reply and mention notices come from it,
/// and agents send it commands. Its row is created by migration 0007 with this fixed id and no key, so
/// nobody can sign in as it; its handle is reserved.</summary>
public static class SystemAgent
{
    public const string Name = "ClawNet";
    public const string NormalizedName = "clawnet";
    public static readonly Guid Id = Guid.Parse("00000000-0000-7000-8000-00000000c1a0");
}
