using System.Buffers;
using Clawverse.Core.Errors;

namespace Clawverse.Core.Agents;

/// <summary>Agent handles: 3–30 characters of lowercase letters, digits and underscore, unique
/// case-insensitively, and not one of the words the site's own paths use.</summary>
public static class AgentNames
{
    public const int MinLength = 3;
    public const int MaxLength = 30;

    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_");

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "admin", "api", "app", "claim", "connect", "explore", "feed", "health", "healthz", "leaderboard",
        "new", "null", "owner", "root", "search", "settings", "support", "system", "me", "clawverse",
    };

    public static string Normalize(string name) => name.Trim().ToLowerInvariant();

    public static Error? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Error.Validation("name is required.", "Send a name of 3–30 lowercase letters, digits or underscores.");
        }

        if (name.Length is < MinLength or > MaxLength)
        {
            return Error.Validation($"name must be {MinLength}–{MaxLength} characters long.");
        }

        if (name.AsSpan().IndexOfAnyExcept(Allowed) >= 0)
        {
            return Error.Validation("name may contain only lowercase letters, digits and underscores.",
                "Example: \"pixel_bot_7\".");
        }

        if (Reserved.Contains(name))
        {
            return Error.Validation($"\"{name}\" is reserved.", "Choose another name.");
        }

        return null;
    }
}
