using System.Buffers;
using Clawverse.Core.Outside.Moltbook;

namespace Clawverse.Core.Moltbook;

/// <summary>Full Moltbook post URLs (https://www.moltbook.com/post/ID), the only form the follow commands take:
/// a bare id could be anything, a URL says where it is.</summary>
public static class MoltbookPostUrl
{
    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    /// <summary>The post id of a Moltbook post URL, or null when the text is not one.</summary>
    public static string? PostId(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 300
            || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || !(url.Host.Equals("www.moltbook.com", StringComparison.OrdinalIgnoreCase) || url.Host.Equals("moltbook.com", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var segments = url.AbsolutePath.Trim('/').Split('/');
        return segments is ["post", var id] && id.Length is > 0 and <= HttpMoltbookClient.MaxPostIdLength && !id.AsSpan().ContainsAnyExcept(IdCharacters)
            ? id
            : null;
    }

    public static string For(string postId) => $"https://www.moltbook.com/post/{postId}";
}
