using System.Runtime.InteropServices;

namespace Clawverse.Core.Outside.Moderation;

/// <summary>
/// The operator's list of words and phrases that text may not contain: the moderation that works with no
/// outside service, and the first check even when one is configured (a listed word needs no API call). An
/// entry matches whole words only ("bad word" is in "a bad word here", "ass" is not in "class"), ignoring
/// case and the usual evasions (<see cref="WordFold"/>: compatibility forms as NFKC equates them, accents,
/// zero-width characters, "b4d", "b a d"); between the words of a phrase any spaces or punctuation will do.
/// </summary>
public sealed class WordList
{
    // Entries by their first folded word, each as its folded words.
    private readonly Dictionary<string, List<string[]>> _byFirstWord = new(StringComparer.Ordinal);

    /// <summary>Each entry a word or phrase; blank entries, and entries with no letter or digit (they could not
    /// match a whole word), are left out.</summary>
    public WordList(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var kept = new List<string>();
        foreach (var entry in words)
        {
            if (string.IsNullOrWhiteSpace(entry))
                continue;
            var folded = WordFold.Words(entry);
            if (folded.Count == 0)
                continue;
            kept.Add(entry.Trim());
            if (!_byFirstWord.TryGetValue(folded[0], out var list))
                _byFirstWord[folded[0]] = list = [];
            list.Add([.. folded]);
        }

        Words = kept;
    }

    /// <summary>The entries kept, as given (trimmed).</summary>
    public IReadOnlyList<string> Words { get; }

    public bool IsEmpty => _byFirstWord.Count == 0;

    /// <summary>Whether any entry appears in the text as whole words.</summary>
    public bool Matches(string? text)
    {
        if (IsEmpty || string.IsNullOrWhiteSpace(text))
            return false;
        var words = WordFold.Words(text);
        return Contains(words) || (WordFold.Spelled(words) is { } spelled && Contains(spelled));
    }

    /// <summary>A word-list file: one word or phrase a line; from '#' to the end of a line is a comment; blank
    /// lines are skipped. Throws the file system's exceptions when the file cannot be read.</summary>
    public static WordList Load(string path) => new(ReadEntries(File.ReadLines(path)));

    /// <summary>The entries of a word-list file's lines, comments and blank lines left out.</summary>
    public static IEnumerable<string> ReadEntries(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var comment = line.IndexOf('#', StringComparison.Ordinal);
            var entry = (comment < 0 ? line : line[..comment]).Trim();
            if (entry.Length > 0)
                yield return entry;
        }
    }

    private bool Contains(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (!_byFirstWord.TryGetValue(words[i], out var candidates))
                continue;
            foreach (var candidate in candidates)
            {
                if (i + candidate.Length <= words.Count && candidate.AsSpan().SequenceEqual(CollectionsMarshal.AsSpan(words).Slice(i, candidate.Length)))
                    return true;
            }
        }

        return false;
    }
}
