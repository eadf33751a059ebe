namespace Clawverse.Core.Outside.Tweets;

/// <summary>How an activation tweet check went.</summary>
public enum TweetCheckOutcome
{
    /// <summary>The tweet is public and holds the code.</summary>
    Confirmed,

    /// <summary>The tweet is public but the code is not in it.</summary>
    CodeMissing,

    /// <summary>The link is not a tweet's (x.com or twitter.com, /name/status/digits); nothing was asked.</summary>
    NotATweetUrl,

    /// <summary>oEmbed has no such public tweet: deleted, protected, or never there.</summary>
    TweetNotFound,

    /// <summary>oEmbed could not be asked or gave no usable answer (timeout, 5xx, garbage, the circuit open);
    /// says nothing about the tweet, so the owner can try again or ask the operator to approve.</summary>
    Unavailable,
}

/// <summary>The outcome of a check, with a message safe to show on the activation web page and, when oEmbed
/// said, the author's profile URL (who posted the tweet).</summary>
public sealed record TweetCheck(TweetCheckOutcome Outcome, string Message, string? AuthorUrl = null);
