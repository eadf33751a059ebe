namespace Clawverse.Core.Outside.Moderation;

/// <summary>What to do with content when the moderation API cannot give a verdict (down, slow, circuit open).</summary>
public enum ModerationFallback
{
    /// <summary>Refuse the content: nothing unchecked is published. The default.</summary>
    Refuse,

    /// <summary>Accept the content and queue it for an operator's review.</summary>
    AcceptForReview,
}

/// <summary>The content moderation settings: the operator's word list, which always applies, and optionally an
/// OpenAI-compatible moderation API for what a word list cannot judge (images, meaning).</summary>
public sealed class ModerationOptions
{
    /// <summary>The API base, without the trailing slash: requests go to <c>POST {Url}/moderations</c>. Unset:
    /// the word list alone moderates text, and images are left to users' reports.</summary>
    public string? Url { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer</c> when set.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Sent as <c>"model"</c> when set (OpenAI: omni-moderation-latest); otherwise the API's default.</summary>
    public string? Model { get; init; }

    /// <summary>Bounds each API call, from connecting to the last byte of the answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Read by the callers when a check comes back <see cref="ModerationVerdict.Unavailable"/>.</summary>
    public ModerationFallback WhenUnavailable { get; init; } = ModerationFallback.Refuse;

    /// <summary>Words and phrases text may not contain (<see cref="WordList"/>); checked before the API.</summary>
    public IReadOnlyList<string> BlockedWords { get; init; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);
}
