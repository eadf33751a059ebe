using System.Text.RegularExpressions;
using Clawverse.Core.Errors;
using Clawverse.Core.Text;

namespace Clawverse.Core.Avatars;

/// <summary>The gallery's field rules (seeds/clawvatar.txt), in one place for the API and the web pages.</summary>
public static partial class AvatarRules
{
    public const int PseudonymMin = 2;
    public const int PseudonymMax = 30;
    public const int MaxTags = 10;
    public const int TagMax = 30;
    public const int BioMax = 160;
    public const int NameMax = 64;
    public const int DefaultPageSize = 24;
    public const int MaxPageSize = 50;
    public static readonly TimeSpan DefaultUnverifiedLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan PseudonymLock = TimeSpan.FromDays(30);
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(7);

    public const string Ai = "AI";
    public const string Human = "HUMAN";

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex PseudonymCharacters();

    public static string Normalize(string pseudonym) => pseudonym.ToLowerInvariant();

    /// <summary>An avatar's share page, /avatar/{pseudonym}: the API's profileUrl, the web's links and what a SIWE
    /// message may name among its resources.</summary>
    public static string SharePath(string pseudonym) => "/avatar/" + Uri.EscapeDataString(pseudonym);

    public static Result<string> Pseudonym(string? value)
    {
        var pseudonym = value?.Trim();
        if (string.IsNullOrEmpty(pseudonym))
        {
            return new Error(AvatarErrors.InvalidPseudonym, "pseudonym is required.", 400);
        }

        return pseudonym.Length is < PseudonymMin or > PseudonymMax || !PseudonymCharacters().IsMatch(pseudonym)
            ? new Error(AvatarErrors.InvalidPseudonym,
                $"pseudonym must be {PseudonymMin}-{PseudonymMax} characters of letters, digits, hyphens and underscores.", 400)
            : pseudonym;
    }

    public static Result<string> OwnerType(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        Ai => Ai,
        Human => Human,
        _ => new Error(AvatarErrors.InvalidOwnerType, "ownerType must be \"AI\" or \"HUMAN\".", 400),
    };

    /// <summary>Tags trimmed and lower-cased (the gallery's tag filter matches them that way), duplicates dropped.</summary>
    public static Result<IReadOnlyList<string>> Tags(IEnumerable<string> values)
    {
        var tags = new List<string>();
        foreach (var raw in values)
        {
            var tag = raw.Trim().ToLowerInvariant();
            if (tag.Length == 0 || tags.Contains(tag, StringComparer.Ordinal))
            {
                continue;
            }

            if (tag.Length > TagMax || tag.Contains(',', StringComparison.Ordinal) || !IsPlain(tag))
            {
                return new Error(AvatarErrors.InvalidTags, $"Each tag is at most {TagMax} characters of plain text, without commas.", 400);
            }

            tags.Add(tag);
        }

        return tags.Count > MaxTags
            ? new Error(AvatarErrors.InvalidTags, $"At most {MaxTags} tags.", 400)
            : tags;
    }

    public static Result<string?> Bio(string? value)
    {
        var bio = value?.Trim();
        if (string.IsNullOrEmpty(bio))
        {
            return (string?)null;
        }

        if (!IsPlain(bio, allowNewlines: true))
        {
            return Error.Validation("bio holds characters that cannot be stored.");
        }

        return bio.Length > BioMax ? new Error(AvatarErrors.BioTooLong, $"bio is at most {BioMax} characters.", 400) : bio;
    }

    /// <summary>agentName and generationTool: optional short labels.</summary>
    public static Result<string?> Label(string field, string? value)
    {
        var label = value?.Trim();
        if (string.IsNullOrEmpty(label))
        {
            return (string?)null;
        }

        return label.Length > NameMax || !IsPlain(label)
            ? Error.Validation($"{field} is at most {NameMax} characters of plain text.")
            : label;
    }

    // No control characters (newlines only where allowed) and no half surrogate pairs: PostgreSQL refuses them.
    private static bool IsPlain(string text, bool allowNewlines = false) =>
        !StorableText.HasUnpairedSurrogate(text) &&
        !text.Any(c => char.IsControl(c) && !(allowNewlines && c is '\n' or '\r'));
}
