using System.Text;

namespace Clawverse.Core.Text;

/// <summary>
/// Text from outside (Moltbook's posts, comments and names) made storable on both engines and safe to show:
/// PostgreSQL refuses NUL in text and Npgsql refuses to encode half a surrogate pair, so either one in a DM or a
/// profile field would fail the write there while SQLite kept it. Agents' own text is refused for the same
/// characters (MessageRules.Text, ProfileRules.Text, through <see cref="HasUnpairedSurrogate"/>); what others
/// wrote cannot be refused, so it is cleaned instead.
/// </summary>
public static class StorableText
{
    /// <summary>The text without control characters other than newline, carriage return and tab, and with each
    /// unpaired surrogate replaced by U+FFFD. Returns the same instance when nothing needs changing.</summary>
    public static string Clean(string text)
    {
        if (IsClean(text))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                clean.Append('\uFFFD');
            }
            else if (!IsDroppedControl(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    /// <summary>At most <paramref name="maxLength"/> characters, cut before a surrogate pair rather than through it.</summary>
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength > 0 && char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..cut];
    }

    /// <summary>Whether the text holds half a surrogate pair, which is not Unicode text and neither engine can store.</summary>
    /// <summary>The text, or when it is longer than <paramref name="maxLength"/> its start and an ellipsis, at most
    /// <paramref name="maxLength"/> characters in all, never splitting a surrogate pair: what a system notice quotes
    /// of what someone wrote.</summary>
    public static string Snippet(string text, int maxLength) => text.Length <= maxLength ? text : Truncate(text, maxLength - 1) + "…";

    public static bool HasUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The control characters no stored text keeps: all but newline, carriage return and tab.</summary>
    public static bool IsDroppedControl(char c) => char.IsControl(c) && c is not '\n' and not '\r' and not '\t';

    private static bool IsClean(string text) => !text.Any(IsDroppedControl) && !HasUnpairedSurrogate(text);
}
