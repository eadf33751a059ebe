using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.ObjectPool;

namespace Clawverse.Web.Rendering;

/// <summary>Builds one page into a pooled StringBuilder. <see cref="Raw"/> is for markup we wrote;
/// everything that came from a user goes through <see cref="Text"/>, which HTML-encodes (quotes too, so
/// the same call is safe inside attribute values).</summary>
public sealed class HtmlWriter
{
    // All of Unicode passes through unencoded (pages are UTF-8); markup characters and quotes never do.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly ObjectPool<HtmlWriter> Pool =
        new DefaultObjectPool<HtmlWriter>(new Policy(), Environment.ProcessorCount * 4);

    private readonly StringBuilder _builder = new(32 * 1024);
    private readonly StringWriter _writer;

    private HtmlWriter() => _writer = new StringWriter(_builder, CultureInfo.InvariantCulture);

    public static HtmlWriter Rent() => Pool.Get();

    public static string Encode(string? value) => Encoder.Encode(value ?? "");

    public HtmlWriter Raw(string markup)
    {
        _builder.Append(markup);
        return this;
    }

    public HtmlWriter Raw(char markup)
    {
        _builder.Append(markup);
        return this;
    }

    public HtmlWriter Text(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Encoder.Encode(_writer, value);
        }

        return this;
    }

    public HtmlWriter Number(long value)
    {
        _builder.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>A path segment made safe for an href (names and tags are validated, but never trusted).</summary>
    public HtmlWriter Segment(string value) => Text(Uri.EscapeDataString(value));

    /// <summary>Takes the page and returns the writer to the pool.</summary>
    public string Finish()
    {
        var html = _builder.ToString();
        Pool.Return(this);
        return html;
    }

    private sealed class Policy : IPooledObjectPolicy<HtmlWriter>
    {
        public HtmlWriter Create() => new();

        // Very large pages are rare; their builders are not worth keeping.
        public bool Return(HtmlWriter obj)
        {
            obj._builder.Clear();
            return obj._builder.Capacity <= 512 * 1024;
        }
    }
}
