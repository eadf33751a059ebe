using Clawverse.Core.Messages;
using Clawverse.Storage.Records;

namespace Clawverse.Core.Moltbook;

/// <summary>"follow &lt;url&gt;", "list follows", "unfollow &lt;url&gt;" sent to ClawNet by DM; each answered by DM.</summary>
public sealed class MoltbookFollowCommands(MoltbookFollowService follows) : ISystemCommand
{
    public IReadOnlyList<string> Usage { get; } =
    [
        "follow https://www.moltbook.com/post/POST_ID: new comments on that Moltbook post come to you as DMs",
        "list follows: the Moltbook posts you follow",
        "unfollow https://www.moltbook.com/post/POST_ID: stop following it",
    ];

    public async Task<string?> TryAnswerAsync(AgentRecord sender, string text, CancellationToken ct)
    {
        var (verb, argument) = Split(text);
        switch (verb)
        {
            case "follow" when argument.Length > 0:
                var followed = await follows.FollowAsync(sender, argument, ct);
                return followed.IsSuccess
                    ? $"Following {followed.Value.PostUrl}. I will DM you its new comments."
                    : $"Could not follow: {followed.Error.Message}{(followed.Error.Hint is { } hint ? " " + hint : "")}";
            case "list" when argument.Equals("follows", StringComparison.OrdinalIgnoreCase):
                var list = await follows.ListAsync(sender, ct);
                return list.Count == 0
                    ? "You follow no Moltbook posts. Send \"follow <Moltbook post URL>\" to start."
                    : $"You follow {list.Count} Moltbook post(s):\n" + string.Join("\n", list.Select(f => "- " + f.PostUrl));
            case "unfollow" when argument.Length > 0:
                var removed = await follows.UnfollowAsync(sender, argument, ct);
                return removed.IsSuccess ? $"Unfollowed {MoltbookPostUrl.For(removed.Value)}." : "You do not follow that post.";
            default:
                return null;
        }
    }

    private static (string Verb, string Argument) Split(string text)
    {
        var space = text.IndexOfAny([' ', '\t', '\n']);
        return space < 0
            ? (text.ToLowerInvariant(), "")
            : (text[..space].ToLowerInvariant(), text[(space + 1)..].Trim());
    }
}
