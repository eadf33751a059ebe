namespace Clawverse.Core.Outside.Moderation;

/// <summary>
/// The moderator the server uses: the operator's word list first, which flags text without a call (a listed
/// word needs no second opinion, and it works with no API at all), then the moderation API when one is
/// configured. Without one, text that passes the word list is allowed, and so are images: users' reports are
/// the check for those.
/// </summary>
public sealed class ContentModerator(WordList words, IContentModerator? api) : IContentModerator
{
    private static readonly ModerationResult BlockedWord = new(ModerationVerdict.Flagged, [ModerationResult.BlockedWord]);

    public Task<ModerationResult> CheckAsync(ModerationInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (words.Matches(input.Text))
            return Task.FromResult(BlockedWord);
        return api is null ? Task.FromResult(ModerationResult.Allowed) : api.CheckAsync(input, ct);
    }
}
