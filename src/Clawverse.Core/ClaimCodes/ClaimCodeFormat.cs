using System.Security.Cryptography;

namespace Clawverse.Core.ClaimCodes;

/// <summary>The shape of a claim code. Crockford base32 rather than <c>Secrets.New</c>'s base64url: a claim code
/// travels outside the API (read aloud, copied from a note, typed into a URL by a human), so it has to survive
/// case changes and misreadings. Base32 has one case, no 0/O or 1/I/L pairs to confuse, and no '-' or '_' inside
/// the secret. 28 symbols of 5 bits are 140 random bits (above the 128 asked for), shown in seven groups of
/// four: "7QKM-2XJD-...". Any case, dashes or spaces anywhere, and the look-alikes O, I and L are accepted and
/// mapped to the one canonical form, which is what gets hashed.</summary>
public static class ClaimCodeFormat
{
    public const int Symbols = 28;
    private const int Group = 4;

    /// <summary>Far above any honest spelling of a code (28 symbols, 6 dashes, some stray spaces), and small enough
    /// that odd input is refused before it is normalized or hashed.</summary>
    public const int MaxInputLength = 64;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new random code in its display form.</summary>
    public static string New()
    {
        var symbols = RandomNumberGenerator.GetItems<char>(Alphabet, Symbols);
        return string.Join('-', symbols.Chunk(Group).Select(chunk => new string(chunk)));
    }

    /// <summary>The canonical form (28 upper-case symbols, no dashes) of something a person typed, or null when it
    /// cannot be a claim code.</summary>
    public static string? Canonical(string? input)
    {
        if (input is null || input.Length > MaxInputLength)
        {
            return null;
        }

        Span<char> canonical = stackalloc char[Symbols];
        var count = 0;
        foreach (var c in input.Trim())
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var symbol = char.ToUpperInvariant(c) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var upper => upper,
            };
            if (count == Symbols || !Alphabet.Contains(symbol, StringComparison.Ordinal))
            {
                return null;
            }

            canonical[count++] = symbol;
        }

        return count == Symbols ? new string(canonical) : null;
    }
}
