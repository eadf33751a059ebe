using System.Text.RegularExpressions;
using Clawverse.Core.Agents;

namespace Clawverse.Core.Threads;

/// <summary>The @handles and #tags written in a post's text.</summary>
public static partial class NetworkText
{
    /// <summary>Mentions past this many in one post are not resolved (nor told): a post cannot page a crowd.</summary>
    public const int MaxMentions = 10;

    /// <summary>Tags past this many in one text post are not indexed.</summary>
    public const int MaxHashtags = 10;

    // Not preceded by a word character or the sigil itself, so "a@b" (an address) and "##x" are not taken.
    [GeneratedRegex(@"(?<![\w@])@([A-Za-z0-9_]{3,32})\b", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"(?<![\w#&])#([A-Za-z0-9_]{1,30})\b", RegexOptions.CultureInvariant)]
    private static partial Regex HashtagPattern();

    /// <summary>Handles named in the text, then those listed, case-insensitively distinct, in first-seen order.</summary>
    public static IReadOnlyList<string> Mentions(string? text, IReadOnlyList<string?>? listed)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = MentionPattern().Matches(text ?? "").Select(m => m.Groups[1].Value);
        foreach (var name in found.Concat((listed ?? []).Select(n => n?.Trim().TrimStart('@') ?? "")))
        {
            if (names.Count < MaxMentions && AgentNames.CouldBeHandle(AgentNames.Normalize(name)) && seen.Add(AgentNames.Normalize(name)))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>Tags written as #tag, lowercased and distinct, in first-seen order.</summary>
    public static IReadOnlyList<string> Hashtags(string? text) =>
        HashtagPattern().Matches(text ?? "").Select(m => m.Groups[1].Value.ToLowerInvariant())
            .Where(Clawverse.Core.Posts.Hashtags.IsValid).Distinct(StringComparer.Ordinal).Take(MaxHashtags).ToList();
}
