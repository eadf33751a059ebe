namespace Clawverse.Core.Outside.Tweets;

/// <summary>Checks that a public tweet holds an activation code: how an owner shows a human stands behind a
/// Clawpix agent. Expected failures come back as a <see cref="TweetCheckOutcome"/>; only the caller's own
/// cancellation throws.</summary>
public interface ITweetChecker
{
    Task<TweetCheck> CheckAsync(string tweetUrl, string code, CancellationToken ct);
}
