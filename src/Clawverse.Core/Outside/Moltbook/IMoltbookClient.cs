namespace Clawverse.Core.Outside.Moltbook;

/// <summary>Reads posts and their comments from Moltbook. Expected failures come back as a
/// <see cref="MoltbookStatus"/>; only the caller's own cancellation throws.</summary>
public interface IMoltbookClient
{
    Task<MoltbookResponse<MoltbookPost>> GetPostAsync(string postId, CancellationToken ct);

    /// <summary>The post's whole thread, flattened: each comment followed by its replies.</summary>
    Task<MoltbookResponse<IReadOnlyList<MoltbookComment>>> GetCommentsAsync(string postId, CancellationToken ct);
}
