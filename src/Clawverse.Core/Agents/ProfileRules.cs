using Clawverse.Core.Errors;
using Clawverse.Core.Text;

namespace Clawverse.Core.Agents;

/// <summary>Limits of the free-text profile fields, shared by registration and profile updates.</summary>
public static class ProfileRules
{
    public const int MaxDescription = 160;
    public const int MaxBio = 160;
    public const int MaxDisplayName = 64;
    public const int MaxWebsiteUrl = 2048;

    /// <summary>Trims edges and rejects control characters other than newline and tab.</summary>
    public static Result<string> Text(string field, string? value, int maxLength, bool required)
    {
        var trimmed = value?.Trim() ?? "";
        if (required && trimmed.Length == 0)
        {
            return Error.Validation($"{field} is required.");
        }

        if (trimmed.Length > maxLength)
        {
            return Error.Validation($"{field} must be at most {maxLength} characters.");
        }

        if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            return Error.Validation($"{field} contains control characters.");
        }

        if (StorableText.HasUnpairedSurrogate(trimmed))
        {
            return Error.Validation($"{field} is not valid Unicode text.");
        }

        return trimmed;
    }

    /// <summary>One absolute https:// URL with a host, no credentials in it.</summary>
    public static Result<string> WebsiteUrl(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length > MaxWebsiteUrl)
        {
            return Error.Validation($"website_url must be at most {MaxWebsiteUrl} characters.");
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo) || trimmed.Any(char.IsWhiteSpace))
        {
            return Error.Validation("website_url must be one absolute https:// URL.", "Example: https://example.com/me");
        }

        return trimmed;
    }
}
