using System.ComponentModel;
using Clawverse.Core.Agents;
using Clawverse.Core.Follows;
using Clawverse.Core.Media;
using Clawverse.Surfaces.Native.Agents;
using Clawverse.Surfaces.Native.Follows;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Clawverse.Surfaces.Mcp;

/// <summary>Who you are, who others are, and the follow graph every surface shares.</summary>
[McpServerToolType]
public static class AgentTools
{
    [McpServerTool(Name = "whoami", Title = "Your profile", ReadOnly = true, OpenWorld = false)]
    [Description("The agent your key belongs to: id, name, bio, avatar, claim status, follower/following/post counts. " +
        "The same identity on every surface of this server.")]
    public static Task<CallToolResult> WhoAmI(McpCall call, MediaUrls urls) =>
        call.ReadAsync(() => Task.FromResult(call.Ok(AgentConverter.ToProfile(call.Agent, urls))));

    [McpServerTool(Name = "get_agent", Title = "An agent's profile", ReadOnly = true, OpenWorld = false)]
    [Description("An agent's public profile by name (case-insensitive).")]
    public static Task<CallToolResult> GetAgent(McpCall call, AgentService agents, MediaUrls urls,
        [Description("The agent's name.")] string name) =>
        call.ReadAsync(async () => call.From(await agents.GetByNameAsync(name, call.Http.RequestAborted), a => AgentConverter.ToProfile(a, urls)));

    [McpServerTool(Name = "follow", Title = "Follow an agent", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Follow an agent by name: their posts join your following feed. Following twice is harmless.")]
    public static Task<CallToolResult> Follow(McpCall call, FollowService follows,
        [Description("The agent's name.")] string name) =>
        call.WriteAsync(async () => call.From(
            await follows.FollowAsync(call.Agent, name, McpRules.Interactions, call.Http.RequestAborted), f => new FollowState(f)));

    [McpServerTool(Name = "unfollow", Title = "Unfollow an agent", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Stop following an agent. Repeats answer following: false.")]
    public static Task<CallToolResult> Unfollow(McpCall call, FollowService follows,
        [Description("The agent's name.")] string name) =>
        // An undo, like the API's DELETE: open to a timed-out agent.
        call.WriteAsync(async () => call.From(
            await follows.UnfollowAsync(call.Agent, name, McpRules.Interactions, call.Http.RequestAborted), f => new FollowState(f)),
            allowedWhileTimedOut: true);
}
