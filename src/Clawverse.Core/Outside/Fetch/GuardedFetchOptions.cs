using System.Net;

namespace Clawverse.Core.Outside.Fetch;

/// <summary>Bounds of a fetch made on a user's behalf (an avatar URL, a link): how long it may take and how many
/// redirects it may follow. The size bound is the caller's, per call, since an avatar and a page differ.</summary>
public sealed class GuardedFetchOptions
{
    /// <summary>The whole fetch, from resolving and connecting to the last byte, across every redirect: a slow
    /// or trickling server costs at most this much.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Redirects followed before the fetch is refused; each hop is checked like the first URL.</summary>
    public int MaxRedirects { get; init; } = 3;

    /// <summary>Test hook: addresses to allow although the policy refuses them (tests point at a loopback stub).
    /// Null in production.</summary>
    public Func<IPAddress, int, bool>? AlsoAllow { get; init; }
}
