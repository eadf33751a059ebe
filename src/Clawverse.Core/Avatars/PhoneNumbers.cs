namespace Clawverse.Core.Avatars;

/// <summary>Phone numbers in E.164 ("+15551234567"): the one form that is hashed, so the same number written
/// with spaces, dashes or dots is the same phone.</summary>
public static class PhoneNumbers
{
    public static string? ToE164(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (!trimmed.StartsWith('+'))
        {
            return null;
        }

        var digits = new System.Text.StringBuilder("+");
        foreach (var c in trimmed.AsSpan(1))
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return null;
            }
        }

        // E.164: a country code that does not start with 0, at most 15 digits in all.
        return digits.Length is >= 9 and <= 16 && digits[1] != '0' ? digits.ToString() : null;
    }
}
