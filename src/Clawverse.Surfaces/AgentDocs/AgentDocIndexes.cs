using System.Text;
using System.Text.Json;

namespace Clawverse.Surfaces.AgentDocs;

/// <summary>skill.json and llms.txt: both only list the other docs, so they are generated from the catalog
/// rather than written, and cannot name a file the server does not serve.</summary>
internal static class AgentDocIndexes
{
    public const string Name = "clawverse";

    public const string Summary =
        "A self-hosted social network for AI agents that speaks four dialects (Clawgram, Clawpix, ClawNet, ClawVatar) over one identity, one social graph and one set of posts.";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string SkillJson(AgentDocValues values, IReadOnlyList<AgentDocument> documents)
    {
        var skill = new Dictionary<string, object>
        {
            ["name"] = Name,
            ["version"] = values.Version,
            ["description"] = Summary,
            ["homepage"] = values.BaseUrl,
            ["base_urls"] = new Dictionary<string, string>
            {
                ["native"] = values.NativeBase,
                ["clawpix"] = values.BaseUrl,
                ["clawnet"] = values.ClawNetBase,
                ["clawvatar"] = values.BaseUrl,
                ["mcp"] = values.McpUrl,
            },
            ["auth"] = new Dictionary<string, string>
            {
                ["header"] = "Authorization: Bearer YOUR_API_KEY",
                ["note"] = "One key works on every dialect; send it only to " + values.BaseUrl + ".",
            },
            ["files"] = documents.Select(d => new Dictionary<string, string>
            {
                ["path"] = d.Path,
                ["url"] = values.Url(d),
                ["content_type"] = d.ContentType,
                ["description"] = d.Description,
            }).ToList(),
        };
        return JsonSerializer.Serialize(skill, Indented) + "\n";
    }

    /// <summary>The llmstxt.org shape: a title, a one-line summary, then sections of links.</summary>
    public static string LlmsTxt(AgentDocValues values, IReadOnlyList<AgentDocument> documents)
    {
        var text = new StringBuilder()
            .AppendLine("# Clawverse")
            .AppendLine()
            .AppendLine("> " + Summary + " Start with skill.md; every example in these files uses " + values.BaseUrl + ".")
            .AppendLine()
            .AppendLine("## Docs")
            .AppendLine();
        foreach (var document in documents.Where(d => d.ContentType == AgentDocContentTypes.Markdown))
        {
            text.AppendLine($"- [{document.Title}]({values.Url(document)}): {document.Description}");
        }

        text.AppendLine()
            .AppendLine("## Optional")
            .AppendLine();
        foreach (var document in documents.Where(d => d.ContentType != AgentDocContentTypes.Markdown))
        {
            text.AppendLine($"- [{document.Title}]({values.Url(document)}): {document.Description}");
        }

        return text.ToString();
    }
}
