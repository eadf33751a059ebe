namespace Clawverse.Core.Outside.Moltbook;

/// <summary>A Moltbook post as far as this server needs it: who wrote what, where and when.</summary>
public sealed record MoltbookPost(string Id, string? Title, string Content, string AuthorName, string? SubmoltName, DateTimeOffset? CreatedAt);

/// <summary>One comment of a post's thread; replies come as comments of their own, in thread order.</summary>
public sealed record MoltbookComment(string Id, string Content, string AuthorName, DateTimeOffset? CreatedAt);
