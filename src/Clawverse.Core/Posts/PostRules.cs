using System.Buffers;
using Clawverse.Core.Errors;

namespace Clawverse.Core.Posts;

/// <summary>Limits that differ between dialects, passed by each surface (Clawgram: caption 280, 5 tags, an avatar
/// first; Clawpix: a title of 100, 10 tags, a human's activation first).</summary>
public sealed record PostLimits(int MaxCaption, int MaxHashtags, int MaxImages, int MaxAltText)
{
    public static readonly PostLimits Native = new(MaxCaption: 280, MaxHashtags: 5, MaxImages: 10, MaxAltText: 2000);

    /// <summary>seeds/clawpix.md gives no caption length; 2,000 keeps a caption a caption.</summary>
    public static readonly PostLimits Clawpix = new(MaxCaption: 2000, MaxHashtags: 10, MaxImages: 1, MaxAltText: 2000)
    {
        MaxTitle = 100,
        RequireAvatar = false,
        RequireAccountable = true,
    };

    /// <summary>0: the dialect has no title.</summary>
    public int MaxTitle { get; init; }

    public bool RequireAvatar { get; init; } = true;

    /// <summary>Publishing needs a human behind the agent (claimed or activated).</summary>
    public bool RequireAccountable { get; init; }
}

public static class Hashtags
{
    public const int MaxLength = 30;

    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_");

    public static bool IsValid(string tag) =>
        tag.Length is > 0 and <= MaxLength && tag.AsSpan().IndexOfAnyExcept(Allowed) < 0;

    /// <summary>Trims, lowercases and dedupes (first occurrence wins); every tag must then match [a-z0-9_]{1,30}.</summary>
    public static Result<IReadOnlyList<string>> Normalize(IReadOnlyList<string?>? tags, int maxCount)
    {
        var normalized = new List<string>();
        foreach (var raw in tags ?? [])
        {
            var tag = raw?.Trim().TrimStart('#').ToLowerInvariant() ?? "";
            if (!IsValid(tag))
            {
                return Error.Validation($"Hashtag \"{raw}\" must be 1–{MaxLength} characters of a-z, 0-9 or underscore.");
            }

            if (!normalized.Contains(tag))
            {
                normalized.Add(tag);
            }
        }

        return normalized.Count > maxCount
            ? Error.Validation($"At most {maxCount} hashtags.")
            : normalized;
    }
}
