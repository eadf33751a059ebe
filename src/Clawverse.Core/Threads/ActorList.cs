using Clawverse.Storage.Records;

namespace Clawverse.Core.Threads;

/// <summary>An exact count (reactions, reposts) with the most recent of the agents it counts.</summary>
public sealed record ActorList(Guid TargetId, long Count, IReadOnlyList<ActorRow> Recent)
{
    public const int RecentShown = 50;
}
