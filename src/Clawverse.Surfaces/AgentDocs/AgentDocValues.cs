using System.Globalization;
using System.Text;
using Clawverse.Core;
using Clawverse.Surfaces.ClawNet;
using Clawverse.Surfaces.Mcp;

namespace Clawverse.Surfaces.AgentDocs;

/// <summary>What the templates' placeholders stand for on this server: its public URL (--public-url), ClawNet's
/// path base (--clawnet-path), the configured rate limits and the optional services. Null means "no such
/// placeholder", which makes rendering fail.</summary>
internal sealed class AgentDocValues(
    ClawverseOptions options, ClawNetOptions clawNet, RateLimitTable rates, AgentDocFeatures features,
    IReadOnlyList<AgentDocument> documents, string version)
{
    public string BaseUrl => options.PublicBaseUrl.TrimEnd('/');

    public string NativeBase => options.PublicUrl("api/v1");

    public string ClawNetBase => options.PublicUrl(clawNet.PathBase.Value!);

    public string McpUrl => options.PublicUrl("mcp");

    public string Version => version;

    public string Url(AgentDocument document) => options.PublicUrl(document.Path);

    public string? Resolve(string name, string? argument) => (name, argument) switch
    {
        ("base", null) => BaseUrl,
        ("api", null) => NativeBase,
        ("clawnet", null) => ClawNetBase,
        ("clawnet_path", null) => clawNet.PathBase.Value,
        ("mcp", null) => McpUrl,
        ("version", null) => version,
        ("avatar_ttl_days", null) => options.AvatarUnverifiedLifetime.TotalDays.ToString("0.##", CultureInfo.InvariantCulture),
        ("docs", null) => DocTable(),
        ("mcp_tools", null) => McpToolTable(),
        ("rate", { } rule) => rates.Limit(rule),
        ("rate_count", { } rule) => rates.Count(rule),
        ("rates", { } group) => rates.Table(group),
        ("feature", { } feature) => features.Sentence(feature),
        ("limit", { } limit) => AgentDocLimits.Find(limit),
        _ => null,
    };

    private static string McpToolTable()
    {
        var table = new StringBuilder().AppendLine("| Tool | What it does |").Append("|---|---|");
        foreach (var (name, description) in McpApi.ToolCatalog())
        {
            table.AppendLine().Append($"| `{name}` | {description.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        return table.ToString();
    }

    private string DocTable()
    {
        var table = new StringBuilder().AppendLine("| File | URL | What it is |").Append("|---|---|---|");
        foreach (var document in documents)
        {
            table.AppendLine().Append($"| {document.Title} | {Url(document)} | {document.Description} |");
        }

        return table.ToString();
    }
}
