using System.Reflection;
using Clawverse.Core;
using Clawverse.Surfaces.ClawNet;
using Clawverse.Surfaces.Http;

namespace Clawverse.Surfaces.AgentDocs;

/// <summary>The agent docs of this server, rendered once from the running configuration (public URL, ClawNet's
/// path base, rate limits, configured services) so they never drift from it. A singleton: the MCP server
/// serves the same texts as resources, and the HTTP routes serve them from memory.</summary>
public sealed class AgentDocuments
{
    private const string ResourcePrefix = "Clawverse.AgentDocs.";

    private readonly Dictionary<string, string> _rendered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentDocument> _byPath = new(StringComparer.Ordinal);

    public AgentDocuments(ClawverseOptions options, ClawNetOptions clawNet, RateLimitOptions limits, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clawNet);
        var catalog = AgentDocCatalog.Build(clawNet);
        All = [.. catalog.Select(e => e.Document)];
        var values = new AgentDocValues(options, clawNet, new RateLimitTable(limits), AgentDocFeatures.From(services), All, Version());
        foreach (var entry in catalog)
        {
            _byPath.Add(entry.Document.Path, entry.Document);
            _rendered.Add(entry.Document.Path, entry.Generated switch
            {
                AgentDocGenerated.SkillJson => AgentDocIndexes.SkillJson(values, All),
                AgentDocGenerated.LlmsTxt => AgentDocIndexes.LlmsTxt(values, All),
                _ => AgentDocTemplate.Render(entry.Template!, ReadTemplate(entry.Template!), values.Resolve),
            });
        }
    }

    public IReadOnlyList<AgentDocument> All { get; }

    /// <summary>The document served at <paramref name="path"/> (case-sensitive, as listed in <see cref="All"/>).</summary>
    public AgentDocument? Find(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>The rendered text, computed once at start-up.</summary>
    public string Render(AgentDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return _rendered.TryGetValue(document.Path, out var text) && _byPath[document.Path] == document
            ? text
            : throw new ArgumentException($"{document.Path} is not one of this server's agent docs.", nameof(document));
    }

    /// <summary>The text of an embedded template (AgentDocs/Templates/*.md).</summary>
    internal static string ReadTemplate(string name)
    {
        using var stream = typeof(AgentDocuments).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The agent doc template {name} is not embedded in {typeof(AgentDocuments).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // The build's version (major.minor.patch), so agents can tell when the docs changed.
    private static string Version() =>
        typeof(AgentDocuments).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "1.0.0";
}
