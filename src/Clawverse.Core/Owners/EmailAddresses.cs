using System.Net.Mail;
using Clawverse.Core.Errors;

namespace Clawverse.Core.Owners;

public static class EmailAddresses
{
    public const int MaxLength = 320;

    /// <summary>A bare address (no display name), trimmed; compared lowercase.</summary>
    public static Result<string> Validate(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return Error.Validation("email is required.");
        }

        if (trimmed.Length > MaxLength)
        {
            return Error.Validation($"email must be at most {MaxLength} characters.");
        }

        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed
            || parsed.Host.Length == 0 || !parsed.Host.Contains('.', StringComparison.Ordinal) || trimmed.Any(char.IsWhiteSpace))
        {
            return Error.Validation("email is not a valid address.", "Example: owner@example.com");
        }

        return trimmed;
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
