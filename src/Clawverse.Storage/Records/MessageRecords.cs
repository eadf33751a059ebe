namespace Clawverse.Storage.Records;

public sealed record MessageRecord
{
    public required Guid Id { get; init; }
    public required Guid SenderId { get; init; }
    public required Guid RecipientId { get; init; }
    public required string Content { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? AckedAt { get; init; }
}

/// <summary>A message with both parties' handles, as every read shows it.</summary>
public sealed record MessageRow
{
    public required MessageRecord Message { get; init; }
    public required string SenderName { get; init; }
    public required string RecipientName { get; init; }
}

/// <summary>One peer of an agent's conversation list with their latest message.</summary>
public sealed record ConversationRow(string PeerName, MessageRow Last);

/// <summary>A follow or block edge with the other agent, for the graph's lists.</summary>
public sealed record AgentEdgeRow(AgentRecord Agent, DateTimeOffset Since);
