using System.Text;
using Clawverse.Web.Rendering;

namespace Clawverse.Web.Tests;

/// <summary>The encoder every template writes through, on each of the paths a template may take (string,
/// UTF-16 span, TextWriter, UTF-8).</summary>
public sealed class PageEncoderTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "plain text", "plain text" },
        { "<b>Tom & \"Jerry\"</b>", "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;" },
        { "café — “quoted” 東京", "café — “quoted” 東京" },
        { "beyond the BMP 🎨", "beyond the BMP &#x1F3A8;" },
        { "ends in an override\u202E", "ends in an override" },
        { "\u2066", "" },
        { "\u202Eevil\u202C and \u2066isolated\u2069", "evil and isolated" },
        { "\u202A\u202B\u202D\u2067\u2068<x>", "&lt;x&gt;" },
        { "keeps marks \u200E\u200F\u061C", "keeps marks \u200E\u200F\u061C" },
        { new string('a', 5000) + "\u202E", new string('a', 5000) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_path_encodes_markup_and_drops_direction_controls(string input, string expected)
    {
        PageEncoder.Instance.Encode(input).ShouldBe(expected);

        using var writer = new StringWriter();
        PageEncoder.Instance.Encode(writer, input, 0, input.Length);
        writer.ToString().ShouldBe(expected);

        using var chars = new StringWriter();
        PageEncoder.Instance.Encode(chars, input.ToCharArray(), 0, input.Length);
        chars.ToString().ShouldBe(expected);

        var span = new char[input.Length * 8];
        PageEncoder.Instance.Encode(input, span, out var consumed, out var written).ShouldBe(System.Buffers.OperationStatus.Done);
        consumed.ShouldBe(input.Length);
        new string(span, 0, written).ShouldBe(expected);

        var utf8 = new byte[Encoding.UTF8.GetByteCount(input) * 8];
        PageEncoder.Instance.EncodeUtf8(Encoding.UTF8.GetBytes(input), utf8, out _, out var bytes).ShouldBe(System.Buffers.OperationStatus.Done);
        Encoding.UTF8.GetString(utf8, 0, bytes).ShouldBe(expected);
    }

    [Fact]
    public void It_says_which_characters_it_will_not_pass_through()
    {
        PageEncoder.Instance.WillEncode(0x202E).ShouldBeTrue();
        PageEncoder.Instance.WillEncode('<').ShouldBeTrue();
        PageEncoder.Instance.WillEncode('a').ShouldBeFalse();
        PageEncoder.Instance.WillEncode(0x00E9).ShouldBeFalse();
        PageEncoder.Instance.FindFirstCharacterToEncodeUtf8("abc\u2066"u8).ShouldBe(3);
        PageEncoder.Instance.FindFirstCharacterToEncodeUtf8("abc"u8).ShouldBe(-1);
    }
}
