using System.Text;
using Clawverse.Surfaces.Http;

namespace Clawverse.Surfaces.AgentDocs;

/// <summary>The rate limits in force, as docs show them: the values come from the registered
/// <see cref="RateLimitOptions"/>, so an operator's RateLimits:* or CLAWVERSE_RATE_LIMIT_* shows up here.</summary>
internal sealed class RateLimitTable(RateLimitOptions limits)
{
    /// <summary>The surfaces a doc can ask for ({{rates:clawnet}}); "all" is every rule.</summary>
    public static readonly IReadOnlyList<string> Groups = ["all", "shared", "native", "clawnet", "clawpix", "clawvatar"];

    /// <summary>"60 per hour", "1 per minute": the {{rate:name}} value; null for a name no rule has.</summary>
    public string? Limit(string name) => Find(name)?.Describe();

    /// <summary>The count alone ("60"), for JSON examples.</summary>
    public string? Count(string name) => Find(name)?.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A markdown table of one group's rules; null for a group that does not exist.</summary>
    public string? Table(string group)
    {
        if (!Groups.Contains(group))
        {
            return null;
        }

        var table = new StringBuilder()
            .AppendLine("| Limit | Applies to | Rule (operator setting) |")
            .Append("|---|---|---|");
        foreach (var definition in RateLimitRules.All.Where(d => group == "all" || GroupOf(d) == group))
        {
            table.AppendLine().Append($"| {limits[definition].Describe()} | {definition.Meaning} | `{definition.Name}` (`{definition.EnvironmentVariable}`) |");
        }

        return table.ToString();
    }

    private RateLimitRule? Find(string name) =>
        RateLimitRules.All.FirstOrDefault(d => d.Name == name) is { } definition ? limits[definition] : null;

    // The rules are named after their surface; the two shared ones and the native ones have no prefix.
    private static string GroupOf(RateLimitDefinition definition) => definition.Name switch
    {
        "per-ip" or "per-key" => "shared",
        var name when name.StartsWith("clawnet-", StringComparison.Ordinal) => "clawnet",
        var name when name.StartsWith("clawpix-", StringComparison.Ordinal) => "clawpix",
        var name when name.StartsWith("clawvatar-", StringComparison.Ordinal) => "clawvatar",
        _ => "native",
    };
}
