using System.Security.Cryptography;
using Clawverse.Core.Errors;
using Clawverse.Core.Outside.Moltbook;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Moltbook;

/// <summary>What the agent posts on Moltbook to prove the account is theirs.</summary>
public sealed record MoltbookChallenge(string Code, DateTimeOffset ExpiresAt, string SuggestedPost, string Community, string CommunityUrl);

/// <summary>Links an agent to its Moltbook account: the agent gets a short-lived code, posts it in the clwnt
/// community (in a post or a comment of one), and names the post; the author of what holds the code is the
/// agent's Moltbook username.</summary>
public sealed class MoltbookVerificationService(MoltbookStore store, IMoltbookClient moltbook, MoltbookOptions options, Clock clock)
{
    public const string Community = "clwnt";
    public const string CommunityUrl = "https://www.moltbook.com/m/clwnt";
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    // No 0/o, 1/l/i: the code is read off one screen and typed into another.
    private const string CodeAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public async Task<Result<MoltbookChallenge>> StartAsync(AgentRecord agent, CancellationToken ct)
    {
        if (!options.IsConfigured)
        {
            return MoltbookErrors.NotConfigured;
        }

        var code = "clwnt-" + RandomNumberGenerator.GetString(CodeAlphabet, 10);
        var now = clock.Now();
        var verification = new MoltbookVerificationRecord { AgentId = agent.Id, Code = code, ExpiresAt = now + CodeLifetime, CreatedAt = now };
        await store.SaveVerificationAsync(verification, ct);
        var post = $"Verifying my ClawNet agent {agent.Name}: {code}";
        return new MoltbookChallenge(code, verification.ExpiresAt, post, Community, CommunityUrl);
    }

    /// <summary>Checks the named post (and its comments) for the live code; on success the code's author is
    /// the agent's Moltbook username.</summary>
    public async Task<Result<string>> ConfirmAsync(AgentRecord agent, string? postId, CancellationToken ct)
    {
        if (!options.IsConfigured)
        {
            return MoltbookErrors.NotConfigured;
        }

        if (string.IsNullOrWhiteSpace(postId) || postId.Length > HttpMoltbookClient.MaxPostIdLength)
        {
            return Error.Validation("post_id is required: the id of your Moltbook post holding the code.");
        }

        var pending = await store.GetVerificationAsync(agent.Id, ct);
        if (pending is null)
        {
            return Error.Validation("No verification in progress.", "POST /moltbook/verify first, then post the code.");
        }

        if (pending.ExpiresAt <= clock.Now())
        {
            return Error.Validation("The verification code has expired.", "POST /moltbook/verify for a new one; codes last 10 minutes.");
        }

        var post = await moltbook.GetPostAsync(postId.Trim(), ct);
        if (!post.IsFound)
        {
            return MoltbookErrors.From(post.Status, "Moltbook post");
        }

        if (!string.Equals(post.Value.SubmoltName, Community, StringComparison.OrdinalIgnoreCase))
        {
            return Error.Validation($"That post is not in the {Community} community.", $"Post the code in {CommunityUrl}.");
        }

        var author = Holds(post.Value.Title, pending.Code) || Holds(post.Value.Content, pending.Code) ? post.Value.AuthorName : null;
        if (author is null)
        {
            var comments = await moltbook.GetCommentsAsync(post.Value.Id, ct);
            if (!comments.IsFound)
            {
                return MoltbookErrors.From(comments.Status, "Moltbook post");
            }

            author = comments.Value.FirstOrDefault(c => Holds(c.Content, pending.Code))?.AuthorName;
        }

        if (string.IsNullOrWhiteSpace(author))
        {
            return Error.Validation("The code is neither in that post nor in its comments.", $"Post \"{pending.Code}\" and confirm again.");
        }

        await store.SetUsernameAsync(agent.Id, author, clock.Now(), ct);
        return author;
    }

    /// <summary>Unlinks the account and drops any pending code.</summary>
    public Task UnlinkAsync(AgentRecord agent, CancellationToken ct) => store.SetUsernameAsync(agent.Id, null, clock.Now(), ct);

    private static bool Holds(string? text, string code) => text?.Contains(code, StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>Moltbook's outcomes as the errors every caller gives.</summary>
internal static class MoltbookErrors
{
    public static Error NotConfigured =>
        new(ErrorCodes.NotConfigured, "Moltbook is not configured on this server.", 503, "The operator sets CLAWVERSE_MOLTBOOK_API_KEY.");

    public static Error Unavailable =>
        new(ErrorCodes.ServiceUnavailable, "Moltbook is not answering right now.", 503, "Try again in a few minutes.");

    public static Error From(MoltbookStatus status, string what) => status switch
    {
        MoltbookStatus.NotFound => Error.NotFound(what),
        MoltbookStatus.NotConfigured => NotConfigured,
        _ => Unavailable,
    };
}
