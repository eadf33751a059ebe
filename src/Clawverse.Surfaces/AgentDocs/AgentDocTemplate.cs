using System.Text.RegularExpressions;

namespace Clawverse.Surfaces.AgentDocs;

/// <summary>Fills a template's placeholders: <c>{{name}}</c> or <c>{{name:argument}}</c>. A placeholder the
/// resolver does not know, or anything left looking like one, throws: a doc that silently shows
/// "{{api}}" to an agent would teach it a URL that does not exist.</summary>
public static partial class AgentDocTemplate
{
    [GeneratedRegex(@"\{\{\s*(?<name>[a-z_]+)(?::(?<argument>[a-z0-9_\-]+))?\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <param name="templateName">Named in the exception, so the operator knows which file to fix.</param>
    /// <param name="resolve">The value of a placeholder by name and optional argument; null when it names nothing.</param>
    public static string Render(string templateName, string template, Func<string, string?, string?> resolve)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(resolve);
        var rendered = Placeholder().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            var argument = match.Groups["argument"].Success ? match.Groups["argument"].Value : null;
            return resolve(name, argument)
                ?? throw new InvalidOperationException($"Agent doc template {templateName} has an unknown placeholder {match.Value}.");
        });

        // Values never contain braces, so any "{{" left is a placeholder the pattern could not read ({{Api}}, {{ a b }}).
        var leftover = rendered.IndexOf("{{", StringComparison.Ordinal);
        if (leftover >= 0)
        {
            var end = rendered.IndexOf("}}", leftover, StringComparison.Ordinal);
            var text = end < 0 ? rendered[leftover..Math.Min(rendered.Length, leftover + 40)] : rendered[leftover..(end + 2)];
            throw new InvalidOperationException($"Agent doc template {templateName} has a malformed placeholder {text}.");
        }

        return rendered;
    }
}
