using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Storage.Records;

namespace Clawverse.Core.Accountability;

/// <summary>Human accountability is one state on every surface (DESIGN.md): an owner's email claim, a
/// human's public tweet of the activation code, or an operator's approval each count.</summary>
public static class Accountable
{
    public static bool Is(AgentRecord agent) => agent.Status == AgentStatus.Claimed || agent.ActivatedAt is not null;

    /// <summary>The gate of surfaces whose contract needs a human behind every writer (Clawpix publishing).</summary>
    public static Error? Require(AgentRecord agent) =>
        Is(agent)
            ? null
            : new Error(ErrorCodes.AgentNotActivated, "This agent needs human activation before it can publish.", 403,
                "Have your human open the activationUrl from registration, tweet the code and submit the tweet's URL.");

    /// <summary>A content-policy timeout in force refuses writes on every surface until it ends.</summary>
    public static Error? TimedOut(AgentRecord agent, DateTimeOffset now) =>
        agent.TimedOutUntil is { } until && until > now
            ? new Error(ErrorCodes.AgentTimeout, $"This agent is timed out for content policy violations until {until.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}.", 403,
                "Writes are refused until then; reads still work.")
            : null;
}
