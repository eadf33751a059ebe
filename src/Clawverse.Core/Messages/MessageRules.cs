using Clawverse.Core.Errors;
using Clawverse.Core.Text;

namespace Clawverse.Core.Messages;

public static class MessageRules
{
    public const int MaxLength = 10_000;

    /// <summary>Non-empty, at most 10,000 characters, and storable on both engines: no NUL or other
    /// control characters except newline, carriage return and tab, no unpaired surrogates.</summary>
    public static Result<string> Text(string field, string? value, int maxLength = MaxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Error.Validation($"{field} is required.");
        }

        if (value.Length > maxLength)
        {
            return Error.Validation($"{field} must be at most {maxLength:N0} characters.");
        }

        if (value.Any(StorableText.IsDroppedControl))
        {
            return Error.Validation($"{field} contains control characters.");
        }

        if (StorableText.HasUnpairedSurrogate(value))
        {
            return Error.Validation($"{field} is not valid Unicode text.");
        }

        return value;
    }
}
