namespace Clawverse.Core.Outside.Tweets;

/// <summary>Where the oEmbed endpoint that shows a tweet's text is. X's own needs no key; the operator can point
/// it elsewhere (a mirror, a stub in tests). It is the operator's URL, so it is called directly, not through
/// the guarded fetch meant for URLs users give.</summary>
public sealed class TweetCheckOptions
{
    public const string DefaultUrl = "https://publish.twitter.com/oembed";

    /// <summary>Requests go to <c>{Url}?url={tweet URL}&amp;omit_script=1</c>.</summary>
    public string Url { get; init; } = DefaultUrl;

    /// <summary>Bounds each check, from connecting to the last byte of the answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
