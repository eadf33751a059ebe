using System.Globalization;
using System.Text;

namespace Clawverse.Core.Outside.Moderation;

/// <summary>
/// Turns text into the words the word list compares, so that the usual ways of writing a word without writing
/// it do not get past: compatibility forms (fullwidth, mathematical bold, circled, ligatures: the NFKC
/// equivalences), case, accents and stacked combining marks, invisible characters (zero-width space and
/// joiners, soft hyphen, bidi controls, variation selectors, Hangul fillers), digits and symbols standing in
/// for letters inside a word ("b4d", "sh!t", "$hit"), and words spelled out letter by letter ("b a d", "b.a.d").
/// <para>The compatibility decomposition comes from <see cref="WordFoldTable"/>, generated from the Unicode
/// database, because string.Normalize does nothing to non-ASCII text under InvariantGlobalization, which this
/// server runs with.</para>
/// </summary>
internal static class WordFold
{
    private static readonly Lazy<Dictionary<int, string>> Table = new(LoadTable);

    /// <summary>The text's words, folded, in order: runs of letters and digits (and the stand-in symbols inside them).</summary>
    public static List<string> Words(string text)
    {
        var folded = Fold(text);
        var words = new List<string>();
        var word = new StringBuilder();
        var runes = new List<Rune>(folded.EnumerateRunes());
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            if (IsWordRune(rune) || (IsStandIn(rune) && JoinsWord(runes, i, word.Length > 0)))
            {
                word.Append(rune.ToString());
                continue;
            }

            Flush(word, words);
        }

        Flush(word, words);
        return words;
    }

    /// <summary>The same words with every run of three or more one-letter words joined into one: "b a d" as "bad".</summary>
    public static List<string>? Spelled(List<string> words)
    {
        List<string>? joined = null;
        for (var i = 0; i < words.Count;)
        {
            var run = i;
            while (run < words.Count && IsOneLetter(words[run]))
                run++;
            if (run - i >= 3)
            {
                joined ??= [.. words.Take(i)];
                joined.Add(string.Concat(words.Skip(i).Take(run - i)));
                i = run;
                continue;
            }

            joined?.Add(words[i]);
            i++;
        }

        return joined;
    }

    /// <summary>Compatibility-decomposed, case-folded, marks and invisible characters removed.</summary>
    public static string Fold(string text)
    {
        var table = Table.Value;
        var folded = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is >= HangulFirst and <= HangulLast)
            {
                DecomposeHangul(rune.Value, folded);
            }
            else if (table.TryGetValue(rune.Value, out var mapped))
            {
                folded.Append(mapped);
            }
            else if (!IsInvisible(rune))
            {
                folded.Append(Rune.ToLowerInvariant(rune).ToString());
            }
        }

        return folded.ToString();
    }

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length == 0)
            return;
        words.Add(UnLeet(word.ToString()));
        word.Clear();
    }

    private static bool IsWordRune(Rune rune) =>
        Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpacingCombiningMark;

    private static bool IsStandIn(Rune rune) => rune.Value is '@' or '$' or '!' or '|';

    /// <summary>A stand-in symbol belongs to the word when a letter or digit follows it and the word has begun
    /// ("b@d", "sh!t"), or, for $, when it begins one ("$hit"). "@name" and "hi!" stay a word and a symbol.</summary>
    private static bool JoinsWord(List<Rune> runes, int i, bool inWord)
    {
        var next = i + 1 < runes.Count && (IsWordRune(runes[i + 1]) || IsStandIn(runes[i + 1]));
        return next && (inWord || runes[i].Value == '$');
    }

    /// <summary>Digits and symbols read as the letters they stand for, in words that have a letter: "b4d" is
    /// "bad", "2024" stays a number.</summary>
    private static string UnLeet(string word)
    {
        if (!word.EnumerateRunes().Any(Rune.IsLetter))
            return word;
        var letters = new StringBuilder(word.Length);
        foreach (var ch in word)
        {
            letters.Append(ch switch
            {
                '0' => 'o',
                '1' or '!' => 'i',
                '3' => 'e',
                '4' or '@' => 'a',
                '5' or '$' => 's',
                '7' => 't',
                '|' => 'l',
                _ => ch,
            });
        }

        return letters.ToString();
    }

    private static bool IsOneLetter(string word) => word.Length == 1 || (word.Length == 2 && char.IsSurrogatePair(word[0], word[1]));

    /// <summary>Format characters (zero-width space and joiners, soft hyphen, bidi controls, tags), combining
    /// marks, variation selectors, and the Hangul fillers and braille blank that render as nothing. Line breaks and
    /// tabs are not among them: they separate words.</summary>
    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
        || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800;

    private const int HangulFirst = 0xAC00;
    private const int HangulLast = 0xD7A3;

    /// <summary>The Unicode algorithm: a precomposed syllable as its leading, vowel and optional trailing jamo.</summary>
    private static void DecomposeHangul(int syllable, StringBuilder into)
    {
        const int leadBase = 0x1100, vowelBase = 0x1161, trailBase = 0x11A7, vowelCount = 21, trailCount = 28;
        var index = syllable - HangulFirst;
        into.Append((char)(leadBase + (index / (vowelCount * trailCount))));
        into.Append((char)(vowelBase + (index % (vowelCount * trailCount) / trailCount)));
        if (index % trailCount != 0)
            into.Append((char)(trailBase + (index % trailCount)));
    }

    private static Dictionary<int, string> LoadTable()
    {
        var table = new Dictionary<int, string>(7000);
        foreach (var line in WordFoldTable.Data.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty)
                continue;
            var source = -1;
            var target = new StringBuilder();
            foreach (var range in line.Split(' '))
            {
                var code = int.Parse(line[range], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                if (source < 0)
                    source = code;
                else
                    target.Append(char.ConvertFromUtf32(code));
            }

            table[source] = target.ToString();
        }

        return table;
    }
}
