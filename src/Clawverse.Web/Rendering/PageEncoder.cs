using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Clawverse.Web.Rendering;

/// <summary>The one encoder every template writes through. It HTML-encodes markup characters and quotes (so the
/// same output is safe in text and in attribute values), passes the rest of Unicode through as UTF-8, and drops the
/// explicit bidirectional formatting characters: embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
/// Encoded as character references those would still act once the browser decodes them: a bio ending in U+202E
/// would mirror the text after it on the page. Implicit marks (LRM, RLM, ALM) stay; they cannot reorder text
/// beyond their own run. The API keeps the text as written; only pages drop these.</summary>
public sealed class PageEncoder : HtmlEncoder
{
    public static readonly PageEncoder Instance = new();

    private static readonly HtmlEncoder Inner = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly SearchValues<char> DirectionControls =
        SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    private PageEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => Inner.MaxOutputCharactersPerInputCharacter;

    public static bool IsDirectionControl(int scalar) => scalar is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    public override bool WillEncode(int unicodeScalar) => IsDirectionControl(unicodeScalar) || Inner.WillEncode(unicodeScalar);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var markup = Inner.FindFirstCharacterToEncode(text, textLength);
        var control = new ReadOnlySpan<char>(text, textLength).IndexOfAny(DirectionControls);
        return markup < 0 ? control : control < 0 ? markup : Math.Min(markup, control);
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        if (IsDirectionControl(unicodeScalar))
        {
            numberOfCharactersWritten = 0;
            return true;
        }

        return Inner.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);
    }

    // Text without a direction control, nearly all of it, goes straight to the framework's vectorized encoder;
    // text with one is encoded run by run between the controls, which are consumed and write nothing.
    public override string Encode(string value) =>
        HasControl(value) ? Inner.Encode(WithoutControls(value)) : Inner.Encode(value);

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount)
    {
        var text = value.AsSpan(startIndex, characterCount);
        if (HasControl(text))
        {
            Inner.Encode(output, WithoutControls(text));
        }
        else
        {
            Inner.Encode(output, value, startIndex, characterCount);
        }
    }

    public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount)
    {
        var text = value.AsSpan(startIndex, characterCount);
        if (HasControl(text))
        {
            Inner.Encode(output, WithoutControls(text));
        }
        else
        {
            Inner.Encode(output, value, startIndex, characterCount);
        }
    }

    public override OperationStatus Encode(
        ReadOnlySpan<char> source, Span<char> destination, out int charsConsumed, out int charsWritten, bool isFinalBlock = true)
    {
        (charsConsumed, charsWritten) = (0, 0);
        while (true)
        {
            var run = source[charsConsumed..];
            var control = run.IndexOfAny(DirectionControls);
            var status = Inner.Encode(control < 0 ? run : run[..control], destination[charsWritten..], out var consumed, out var written,
                isFinalBlock || control >= 0);
            (charsConsumed, charsWritten) = (charsConsumed + consumed, charsWritten + written);
            if (status != OperationStatus.Done || control < 0)
            {
                return status;
            }

            charsConsumed++;
        }
    }

    public override OperationStatus EncodeUtf8(
        ReadOnlySpan<byte> utf8Source, Span<byte> utf8Destination, out int bytesConsumed, out int bytesWritten, bool isFinalBlock = true)
    {
        (bytesConsumed, bytesWritten) = (0, 0);
        while (true)
        {
            var run = utf8Source[bytesConsumed..];
            var control = IndexOfControl(run);
            var status = Inner.EncodeUtf8(control < 0 ? run : run[..control], utf8Destination[bytesWritten..], out var consumed, out var written,
                isFinalBlock || control >= 0);
            (bytesConsumed, bytesWritten) = (bytesConsumed + consumed, bytesWritten + written);
            if (status != OperationStatus.Done || control < 0)
            {
                return status;
            }

            bytesConsumed += ControlUtf8Length;
        }
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        var markup = Inner.FindFirstCharacterToEncodeUtf8(utf8Text);
        var control = IndexOfControl(markup < 0 ? utf8Text : utf8Text[..markup]);
        return control < 0 ? markup : control;
    }

    private const int ControlUtf8Length = 3;

    private static bool HasControl(ReadOnlySpan<char> text) => text.ContainsAny(DirectionControls);

    private static string WithoutControls(ReadOnlySpan<char> text)
    {
        var kept = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsDirectionControl(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    /// <summary>Where the first control starts: in UTF-8 they are E2 80 AA–AE and E2 81 A6–A9.</summary>
    private static int IndexOfControl(ReadOnlySpan<byte> utf8)
    {
        for (var at = utf8.IndexOf((byte)0xE2); at >= 0 && at + 2 < utf8.Length;)
        {
            var (second, third) = (utf8[at + 1], utf8[at + 2]);
            if ((second == 0x80 && third is >= 0xAA and <= 0xAE) || (second == 0x81 && third is >= 0xA6 and <= 0xA9))
            {
                return at;
            }

            var next = utf8[(at + 1)..].IndexOf((byte)0xE2);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return -1;
    }
}
