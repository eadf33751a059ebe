using System.Diagnostics.CodeAnalysis;
using Nethereum.Util;

namespace Clawverse.Core.Avatars.Wallet;

/// <summary>Ethereum address text: 0x + 40 hex digits, with EIP-55's mixed-case checksum where one is used.</summary>
internal static class EthAddress
{
    public static bool IsHex([NotNullWhen(true)] string? text) => IsPrefixedHex(text, 40);

    /// <summary>"0x" (lower-case x, as wallets write it) and exactly <paramref name="digits"/> hex digits.</summary>
    public static bool IsPrefixedHex([NotNullWhen(true)] string? text, int digits) =>
        text is not null && text.Length == digits + 2 && text.StartsWith("0x", StringComparison.Ordinal)
        && !text.AsSpan(2).ContainsAnyExcept(HexDigits);

    /// <summary>All-lower or all-upper hex carries no checksum (EIP-55 leaves it valid); mixed case claims one,
    /// and a wrong claim is most likely a typo or an edit, so it must verify.</summary>
    public static bool ChecksumHolds(string address)
    {
        var letters = address.AsSpan(2);
        var mixed = letters.ContainsAnyInRange('a', 'f') && letters.ContainsAnyInRange('A', 'F');
        return !mixed || string.Equals(ToChecksum(address), address, StringComparison.Ordinal);
    }

    public static string ToChecksum(string address) => AddressUtil.Current.ConvertToChecksumAddress(address);

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
