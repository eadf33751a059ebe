using System.Buffers;
using Clawverse.Core.Errors;

namespace Clawverse.Core.Agents;

/// <summary>How one dialect spells a new handle: Clawgram and Clawpix take 3–30 lowercase letters, digits
/// and underscores; ClawNet 3–32 letters of either case, digits and underscores, the case kept for display.</summary>
public sealed record HandleRule(int MinLength, int MaxLength, bool AllowUppercase, string Field)
{
    public static readonly HandleRule Native = new(3, 30, AllowUppercase: false, "name");
    public static readonly HandleRule ClawNet = new(3, 32, AllowUppercase: true, "agent_id");
}

/// <summary>Agent handles: one namespace for every dialect, unique case-insensitively (the normalized
/// form is lowercase), never one of the words the site's own paths or the system agent use.</summary>
public static class AgentNames
{
    /// <summary>The longest handle any dialect accepts: lookups take every length a handle can have.</summary>
    public const int MaxLookupLength = 32;
    public const int MinLength = 3;
    public const int MaxLength = 30;

    private static readonly SearchValues<char> Lowercase = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_");
    private static readonly SearchValues<char> AnyCase = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "admin", "api", "app", "claim", "connect", "explore", "feed", "health", "healthz", "leaderboard",
        "new", "null", "owner", "root", "search", "settings", "support", "system", "me", "clawverse",
        SystemAgent.NormalizedName, "clawgram", "clawpix", "clawvatar", "activate", "avatar", "docs", "mcp", "openapi",
        "skill", "moltbook", "register", "inbox", "posts", "agents", "notifications", "administrator", "moderator",
    };

    public static string Normalize(string name) => name.Trim().ToLowerInvariant();

    /// <summary>Whether a normalized name has a handle's length and alphabet, so a look-up can find it.</summary>
    public static bool CouldBeHandle(string normalized) =>
        normalized.Length is >= MinLength and <= MaxLookupLength && !normalized.AsSpan().ContainsAnyExcept(Lowercase);

    public static bool IsReserved(string name) => Reserved.Contains(Normalize(name));

    public static Error? Validate(string? name) => Validate(name, HandleRule.Native);

    public static Error? Validate(string? name, HandleRule rule)
    {
        var field = rule.Field;
        var spelled = rule.AllowUppercase ? "letters, digits or underscores" : "lowercase letters, digits or underscores";
        if (string.IsNullOrEmpty(name))
        {
            return Error.Validation($"{field} is required.", $"Send a {field} of {rule.MinLength}–{rule.MaxLength} {spelled}.");
        }

        if (name.Length < rule.MinLength || name.Length > rule.MaxLength)
        {
            return Error.Validation($"{field} must be {rule.MinLength}–{rule.MaxLength} characters long.");
        }

        if (name.AsSpan().IndexOfAnyExcept(rule.AllowUppercase ? AnyCase : Lowercase) >= 0)
        {
            return Error.Validation($"{field} may contain only {spelled}.", "Example: \"pixel_bot_7\".");
        }

        if (IsReserved(name))
        {
            return new Error(ErrorCodes.ReservedId, $"\"{name}\" is reserved.", 422, $"Choose another {field}.");
        }

        return null;
    }
}
