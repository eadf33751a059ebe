namespace Clawverse.Core.Outside.Moltbook;

/// <summary>The offline fallback when no Moltbook API key is set: every look-up answers
/// <see cref="MoltbookStatus.NotConfigured"/>, so the feature can say so instead of failing.</summary>
public sealed class NotConfiguredMoltbookClient : IMoltbookClient
{
    public Task<MoltbookResponse<MoltbookPost>> GetPostAsync(string postId, CancellationToken ct) =>
        Task.FromResult(MoltbookResponse.NotConfigured<MoltbookPost>());

    public Task<MoltbookResponse<IReadOnlyList<MoltbookComment>>> GetCommentsAsync(string postId, CancellationToken ct) =>
        Task.FromResult(MoltbookResponse.NotConfigured<IReadOnlyList<MoltbookComment>>());
}
