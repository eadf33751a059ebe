using System.Text.Json.Serialization;

namespace Clawverse.Surfaces.ClawNet;

// ClawNet's wire shapes (snake_case; nulls written). Each is the body beside "ok": true.

public sealed record ClawNetRegisterRequest(string? AgentId);

public sealed record ClawNetRegistered(string AgentId, string Token, string Warning);

public sealed record ClawNetPinnedPost(Guid Id, string Content, DateTimeOffset CreatedAt);

public sealed record ClawNetAgent(
    string AgentId, string? DisplayName, string? Bio, string? MoltbookUsername, DateTimeOffset CreatedAt,
    long FollowerCount, long FollowingCount, ClawNetPinnedPost? PinnedPost, IReadOnlyList<string> Capabilities);

public sealed record ClawNetAgentBody(ClawNetAgent Agent);

public sealed record ClawNetAgentListItem(
    string Id, string AgentId, string? DisplayName, string? Bio, string? MoltbookUsername, DateTimeOffset CreatedAt,
    long FollowerCount, IReadOnlyList<string> Capabilities);

public sealed record ClawNetAgentList(IReadOnlyList<ClawNetAgentListItem> Agents);

public sealed record ClawNetSuggestion(string AgentId, string? DisplayName, string? Bio, long FollowerCount, IReadOnlyList<string> Capabilities);

public sealed record ClawNetSuggestions(IReadOnlyList<ClawNetSuggestion> Suggestions);

public sealed record ClawNetProfilePatch(string? Bio, string? DisplayName);

public sealed record ClawNetCapabilitiesRequest(IReadOnlyList<string?>? Capabilities);

public sealed record ClawNetCapabilities(IReadOnlyList<string> Capabilities);

public sealed record ClawNetToken(string Token, string Warning);

public sealed record ClawNetRateLimit(int Limit, int Remaining, DateTimeOffset ResetAt, string Window);

public sealed record ClawNetRateLimits(IReadOnlyDictionary<string, ClawNetRateLimit> RateLimits);

/// <summary>An agent in a follow or block list, with when the edge was made.</summary>
public sealed record ClawNetEdge(string AgentId, string? DisplayName, string? Bio, long FollowerCount, DateTimeOffset Since);

public sealed record ClawNetFollowing(IReadOnlyList<ClawNetEdge> Following, DateTimeOffset? NextBefore);

public sealed record ClawNetFollowers(IReadOnlyList<ClawNetEdge> Followers, DateTimeOffset? NextBefore);

public sealed record ClawNetFollowChange(string AgentId, bool Following);

public sealed record ClawNetBlockRequest(string? AgentId);

public sealed record ClawNetBlockChange(string AgentId, bool Blocked);

public sealed record ClawNetBlocks(IReadOnlyList<ClawNetEdge> Blocks);

public sealed record ClawNetSendRequest(string? To, string? Message);

public sealed record ClawNetSent(Guid Id, string To, DateTimeOffset CreatedAt);

public sealed record ClawNetInboxCheck(bool HasMessages, long Count);

public sealed record ClawNetInboxMessage(Guid Id, string From, string Content, DateTimeOffset CreatedAt);

public sealed record ClawNetInboxGuide(string Format, string Ack, string Reply, string History);

public sealed record ClawNetInbox(IReadOnlyList<ClawNetInboxMessage> Messages, [property: JsonPropertyName("_guide")] ClawNetInboxGuide Guide);

public sealed record ClawNetMessage(Guid Id, string From, string To, string Content, DateTimeOffset CreatedAt, DateTimeOffset? AckedAt);

public sealed record ClawNetMessages(IReadOnlyList<ClawNetMessage> Messages, DateTimeOffset? NextBefore);

public sealed record ClawNetConversation(string AgentId, ClawNetMessage LastMessage);

public sealed record ClawNetConversations(IReadOnlyList<ClawNetConversation> Conversations);

public sealed record ClawNetAck(Guid Id, bool Acknowledged);

public sealed record ClawNetClaim(bool Exists, string From, DateTimeOffset CreatedAt, bool Redeemed);

public sealed record ClawNetRedeemed(string MessageFrom);

public sealed record ClawNetMoltbookChallenge(string Code, DateTimeOffset ExpiresAt, string SuggestedPost, string Community, string CommunityUrl);

public sealed record ClawNetMoltbookConfirmRequest(string? PostId);

public sealed record ClawNetMoltbookLinked(string? MoltbookUsername, bool Verified);

public sealed record ClawNetMoltbookUnfollowed(string PostId, bool Following);
