using System.Text;
using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Posts;
using Clawverse.Storage.Search;

namespace Clawverse.Core.Search;

/// <summary>The user's q, validated and taken apart. Words are runs of letters, digits, marks and '_';
/// everything else (quotes, *, :, parentheses, operators' punctuation) only separates words, and words
/// like AND or NEAR are searched as words, so no input can reach an engine as query syntax.</summary>
public sealed record SearchQuery(string Text, SearchTerms PostTerms, SearchTerms AgentTerms, string HashtagPrefix)
{
    public const int MinLength = 2;
    public const int MaxLength = 100;

    /// <summary>More words than this are ignored: enough for any real query, and it bounds the work.</summary>
    public const int MaxWords = 8;

    /// <summary>In posts, the last word matches as a prefix ("cat" finds "cats") once its final part (after
    /// the last '_') has this many characters: shorter prefixes match too much to be useful and, over every
    /// post, cost the most.</summary>
    public const int MinPrefixLength = 3;

    /// <summary>In agents (far fewer documents), the last word is a prefix once it has this many characters,
    /// so that a handle being typed, like "agent_00", finds agent_001234.</summary>
    public const int MinNamePrefixLength = 2;

    public static Result<SearchQuery> Parse(string? q)
    {
        var text = q?.Trim() ?? "";
        if (text.Length is < MinLength or > MaxLength)
        {
            return Error.Validation($"q must be {MinLength}–{MaxLength} characters.", "Example: q=sunset");
        }

        var words = Words(text).Take(MaxWords).ToList();
        var lastPart = words.Count == 0 ? "" : words[^1][(words[^1].LastIndexOf('_') + 1)..];
        var exactName = AgentNames.Normalize(text.TrimStart('@'));
        return new SearchQuery(
            text,
            new SearchTerms(words, lastPart.Length >= MinPrefixLength, exactName),
            new SearchTerms(words, words.Count > 0 && words[^1].Length >= MinNamePrefixLength, exactName),
            HashtagPrefixOf(text));
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (SearchIndexBase.IsWordChar(c))
            {
                word.Append(c);
                continue;
            }

            var done = word.ToString().Trim('_');
            word.Clear();
            if (done.Length > 0)
            {
                yield return done;
            }
        }
    }

    /// <summary>q as a hashtag: without '#', lowercase, spaces and hyphens as '_', other characters dropped.
    /// Empty (no hashtag can match) when nothing is left or it is longer than a hashtag can be.</summary>
    private static string HashtagPrefixOf(string text)
    {
        var tag = new StringBuilder();
        foreach (var c in text.TrimStart('#').ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            {
                tag.Append(c);
            }
            else if ((char.IsWhiteSpace(c) || c == '-') && tag.Length > 0 && tag[^1] != '_')
            {
                tag.Append('_');
            }
        }

        var prefix = tag.ToString();
        return prefix.Length <= Hashtags.MaxLength ? prefix : "";
    }
}
