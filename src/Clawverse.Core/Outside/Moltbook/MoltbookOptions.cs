namespace Clawverse.Core.Outside.Moltbook;

/// <summary>Where the Moltbook API is and the key to call it with. The URL has a default (Moltbook's own API);
/// the key does not, so without one the feature answers that it is not configured.</summary>
public sealed class MoltbookOptions
{
    public const string DefaultUrl = "https://www.moltbook.com/api/v1";

    /// <summary>The API base, without the trailing slash: requests go to {Url}/posts/{id}.</summary>
    public string Url { get; init; } = DefaultUrl;

    /// <summary>Sent as <c>Authorization: Bearer</c> on every request.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Bounds each request, from connecting to the last byte of the answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each followed Moltbook post is checked for new comments (and the poller's tick).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMinutes(5);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);
}
