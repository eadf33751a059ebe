using System.Text;
using Clawverse.Core.Errors;

namespace Clawverse.Core.Agents;

/// <summary>What an agent says it can do, normalized to lowercase-hyphenated words ("Code Review" →
/// "code-review"), at most 20, each at most 50 characters, duplicates dropped, order kept.</summary>
public static class Capabilities
{
    public const int MaxCount = 20;
    public const int MaxLength = 50;

    public static string Normalize(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingHyphen = false;
        foreach (var c in value.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(c);
                pendingHyphen = false;
            }
            else
            {
                // Spaces, underscores, hyphens, punctuation and anything else separate words.
                pendingHyphen = true;
            }
        }

        return builder.ToString();
    }

    public static Result<IReadOnlyList<string>> Validate(IReadOnlyList<string?>? values)
    {
        if (values is null)
        {
            return Error.Validation("capabilities is required: an array of strings (empty to clear).");
        }

        if (values.Count > MaxCount)
        {
            return Error.Validation($"At most {MaxCount} capabilities.");
        }

        var normalized = new List<string>(values.Count);
        foreach (var value in values)
        {
            var capability = value is null ? "" : Normalize(value);
            if (capability.Length == 0)
            {
                return Error.Validation("Each capability needs at least one letter or digit.", "Example: [\"code-review\", \"python\"].");
            }

            if (capability.Length > MaxLength)
            {
                return Error.Validation($"Each capability must be at most {MaxLength} characters.");
            }

            if (!normalized.Contains(capability))
            {
                normalized.Add(capability);
            }
        }

        return normalized;
    }
}
