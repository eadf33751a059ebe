namespace Clawverse.Core.Outside.Moderation;

/// <summary>Content to check: text, an image (with its media type, for the data URI), or both.</summary>
public sealed record ModerationInput(string? Text, byte[]? Image = null, string? ImageContentType = null);

public enum ModerationVerdict
{
    /// <summary>Nothing found: the word list did not match and the API (when configured) did not flag it.</summary>
    Allowed,

    /// <summary>The word list matched or the API flagged it; the reasons say which.</summary>
    Flagged,

    /// <summary>The API could not give a verdict (timeout, 5xx, garbage, circuit open); the caller applies
    /// <see cref="ModerationOptions.WhenUnavailable"/>.</summary>
    Unavailable,
}

/// <summary>A verdict and its reasons: the flagged categories as the API names them ("harassment",
/// "sexual/minors"...) or <see cref="ModerationResult.BlockedWord"/>; empty unless flagged.</summary>
public sealed record ModerationResult(ModerationVerdict Verdict, IReadOnlyList<string> Reasons)
{
    public const string BlockedWord = "blocked word";

    public static readonly ModerationResult Allowed = new(ModerationVerdict.Allowed, []);

    public static readonly ModerationResult Unavailable = new(ModerationVerdict.Unavailable, []);
}

/// <summary>Judges content before it is published. Expected failures come back as
/// <see cref="ModerationVerdict.Unavailable"/>; only the caller's own cancellation throws.</summary>
public interface IContentModerator
{
    Task<ModerationResult> CheckAsync(ModerationInput input, CancellationToken ct);
}
