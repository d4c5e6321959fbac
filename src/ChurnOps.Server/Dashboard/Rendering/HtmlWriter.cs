using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ChurnOps.Server.Dashboard.Rendering;

/// <summary>
/// Writes HTML (and inline SVG) with every text and attribute value encoded: a page can only put markup on the wire
/// through a tag name, which is code, never data. Tags opened with <see cref="Open"/> or <see cref="Tag"/> close in order.
/// </summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _html = new(16 * 1024);
    private readonly Stack<string> _open = new();
    // Every script keeps its letters (names, "—", "≥"); markup characters and controls are still escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Opens a tag; attributes with a null value are left out, an empty one is written bare (boolean attribute).</summary>
    public HtmlWriter Open(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        StartTag(tag, attributes);
        _html.Append('>');
        _open.Push(tag);
        return this;
    }

    /// <summary>Closes the innermost open tag.</summary>
    public HtmlWriter Close()
    {
        _html.Append("</").Append(_open.Pop()).Append('>');
        return this;
    }

    /// <summary>Opens a tag that the returned scope closes: <c>using (w.Tag("ul")) { … }</c>.</summary>
    public TagScope Tag(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        Open(tag, attributes);
        return new TagScope(this, _open.Count);
    }

    /// <summary>An element with text content.</summary>
    public HtmlWriter Element(string tag, string? text, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        StartTag(tag, attributes);
        _html.Append('>');
        Text(text);
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A void element (input, img, meta, link) or a self-closed SVG shape.</summary>
    public HtmlWriter Void(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        StartTag(tag, attributes);
        _html.Append(IsSvgShape(tag) ? "/>" : ">");
        return this;
    }

    public HtmlWriter Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            Encoder.Encode(new StringWriter(_html, CultureInfo.InvariantCulture), text);
        }

        return this;
    }

    public HtmlWriter Link(string href, string? text, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        StartTag("a", attributes, ("href", href));
        _html.Append('>');
        Text(text);
        _html.Append("</a>");
        return this;
    }

    /// <summary>The document; every tag opened must have been closed.</summary>
    public override string ToString() =>
        _open.Count == 0 ? _html.ToString() : throw new InvalidOperationException($"unclosed tags: {string.Join(", ", _open)}");

    internal void CloseTo(int depth)
    {
        while (_open.Count >= depth)
        {
            Close();
        }
    }

    private void StartTag(string tag, ReadOnlySpan<(string Name, string? Value)> attributes, (string Name, string? Value)? first = null)
    {
        CheckName(tag);
        _html.Append('<').Append(tag);
        if (first is { } leading)
        {
            Attribute(leading.Name, leading.Value);
        }

        foreach (var (name, value) in attributes)
        {
            Attribute(name, value);
        }
    }

    private void Attribute(string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        CheckName(name);
        _html.Append(' ').Append(name);
        if (value.Length > 0)
        {
            _html.Append("=\"");
            Text(value);
            _html.Append('"');
        }
    }

    /// <summary>Tag and attribute names come from code; refusing anything else keeps data from ever becoming markup.</summary>
    private static void CheckName(string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ':'))
        {
            throw new ArgumentException($"not a tag or attribute name: '{name}'", nameof(name));
        }
    }

    private static bool IsSvgShape(string tag) =>
        tag is "rect" or "line" or "circle" or "path" or "polyline" or "polygon" or "ellipse" or "stop" or "use";
}
