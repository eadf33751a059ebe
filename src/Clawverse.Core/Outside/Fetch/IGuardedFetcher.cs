using Clawverse.Core.Errors;

namespace Clawverse.Core.Outside.Fetch;

/// <summary>The one way this server fetches a URL a user gave it. Only public addresses are reached, whatever
/// the URL, its redirects or its DNS say, and every fetch is bounded in size and time.</summary>
public interface IGuardedFetcher
{
    /// <summary>GET of a user-supplied http/https URL. Every failure is <see cref="Error.Validation"/> with a
    /// message safe to show the user naming the reason: not http(s), refused address, too large, timed out,
    /// HTTP status, unreachable. Only the caller's own cancellation throws.</summary>
    Task<Result<FetchedBytes>> GetAsync(string url, long maxBytes, CancellationToken ct);
}
