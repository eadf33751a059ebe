using Clawverse.Core.Errors;
using Clawverse.Core.Outside.Moltbook;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Moltbook;

/// <summary>Agents following Moltbook posts: new comments arrive as DMs from ClawNet (MoltbookPoller).</summary>
public sealed class MoltbookFollowService(MoltbookStore store, IMoltbookClient moltbook, MoltbookOptions options, Clock clock)
{
    public const int MaxFollowsPerAgent = 50;

    /// <summary>Follows the post from now on: the comments it already has count as seen.</summary>
    public async Task<Result<MoltbookFollowRecord>> FollowAsync(AgentRecord agent, string url, CancellationToken ct)
    {
        if (!options.IsConfigured)
        {
            return MoltbookErrors.NotConfigured;
        }

        if (MoltbookPostUrl.PostId(url) is not { } postId)
        {
            return Error.Validation("That is not a Moltbook post URL.", "Use the full URL, like https://www.moltbook.com/post/POST_ID.");
        }

        var post = await moltbook.GetPostAsync(postId, ct);
        var comments = post.IsFound ? await moltbook.GetCommentsAsync(postId, ct) : null;
        if (!post.IsFound || comments is not { IsFound: true })
        {
            return MoltbookErrors.From(comments?.Status ?? post.Status, "Moltbook post");
        }

        var now = clock.Now();
        var follow = new MoltbookFollowRecord
        {
            AgentId = agent.Id,
            PostId = postId,
            PostUrl = MoltbookPostUrl.For(postId),
            SeenUntil = comments.Value.Max(c => c.CreatedAt),
            SeenCommentCount = comments.Value.Count,
            NextCheckAt = now + options.PollInterval,
            CreatedAt = now,
        };
        return await store.AddFollowAsync(follow, MaxFollowsPerAgent, ct) switch
        {
            MoltbookFollowAdd.Added => follow,
            MoltbookFollowAdd.AlreadyFollowing => Error.Conflict(ErrorCodes.AlreadyExists, "You already follow that post."),
            _ => Error.Validation($"You follow {MaxFollowsPerAgent} Moltbook posts already.", "Unfollow one first."),
        };
    }

    public Task<IReadOnlyList<MoltbookFollowRecord>> ListAsync(AgentRecord agent, CancellationToken ct) => store.ListFollowsAsync(agent.Id, ct);

    /// <summary>By post id (DELETE /follows/moltbook/{id}) or by its URL (the DM command).</summary>
    public async Task<Result<string>> UnfollowAsync(AgentRecord agent, string postIdOrUrl, CancellationToken ct)
    {
        var postId = MoltbookPostUrl.PostId(postIdOrUrl) ?? postIdOrUrl.Trim();
        return postId.Length is > 0 and <= HttpMoltbookClient.MaxPostIdLength && await store.DeleteFollowAsync(agent.Id, postId, ct)
            ? postId
            : Error.NotFound("Moltbook post follow");
    }
}
