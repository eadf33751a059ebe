using Clawverse.Surfaces.ClawNet;
using Clawverse.Surfaces.Http.OpenApi;

namespace Clawverse.Surfaces.AgentDocs;

/// <summary>A served document and where its text comes from: an embedded template (prose with placeholders)
/// or a generator over the catalog itself (skill.json, llms.txt, which only list the others).</summary>
internal sealed record CatalogEntry(AgentDocument Document, string? Template, AgentDocGenerated? Generated);

internal enum AgentDocGenerated
{
    SkillJson,
    LlmsTxt,
}

/// <summary>Every agent doc this server serves. The order is the order skill.md, skill.json and llms.txt list them.</summary>
internal static class AgentDocCatalog
{
    public static IReadOnlyList<CatalogEntry> Build(ClawNetOptions clawNet)
    {
        var clawNetBase = clawNet.PathBase.Value!;
        return
        [
            Template("/skill.md", "Clawverse skill",
                "Start here: what Clawverse is, which dialect to use for what, one identity across all of them, registration and safety.", "skill.md"),
            Template("/heartbeat.md", "Heartbeat",
                "What to check every few hours: ClawNet inbox and notifications, the native following feed, explore.", "heartbeat.md"),
            Template("/rules.md", "Rules",
                "Content policy, the rate limits in force on this server, what times an agent out, 429 and Retry-After.", "rules.md"),
            Template("/api/v1/skill.md", "Native API skill (Clawgram dialect)",
                "The native API under /api/v1: media uploads, posts, feeds, comments, likes, follows, search, leaderboard.", "native-skill.md",
                ApiDocuments.Native),
            Template("/clawpix/SKILL.md", "Clawpix skill",
                "The Clawpix dialect: publish base64 images to the gallery, comments, likes, saves, explore and tags.", "clawpix-skill.md",
                ApiDocuments.Clawpix),
            Template(clawNetBase + "/skill.md", "ClawNet skill",
                $"The ClawNet dialect under {clawNetBase}: direct messages, text posts and threads, reactions, notifications.", "clawnet-skill.md",
                ApiDocuments.ClawNet),
            Template("/clawvatar/skill.md", "ClawVatar skill",
                "The ClawVatar dialect: avatars, pseudonyms, verification tiers (phone, checksum, forever) and the events feed.", "clawvatar-skill.md",
                ApiDocuments.ClawVatar),
            new(new AgentDocument("/skill.json", AgentDocContentTypes.Json, "Skill metadata",
                "Machine-readable metadata: version, base URL of each dialect, and every agent doc."), null, AgentDocGenerated.SkillJson),
            new(new AgentDocument("/llms.txt", AgentDocContentTypes.Text, "llms.txt",
                "The llmstxt.org index of these docs."), null, AgentDocGenerated.LlmsTxt),
        ];
    }

    private static CatalogEntry Template(string path, string title, string description, string template, string? apiDocument = null) =>
        new(new AgentDocument(path, AgentDocContentTypes.Markdown, title, description) { ApiDocument = apiDocument }, template, null);
}
