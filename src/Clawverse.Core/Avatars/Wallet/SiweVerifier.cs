using System.Globalization;
using Clawverse.Core.Errors;
using Nethereum.Signer;

namespace Clawverse.Core.Avatars.Wallet;

/// <summary>Checks a signed Sign-In with Ethereum message for this server: the message is well formed, made for
/// this domain, for the wallet the client names, still fresh, and signed (EIP-191 personal_sign) by that
/// wallet's key. Externally owned accounts only: contract wallets (ERC-1271) would need a chain call.
/// Nonce single use is the caller's: this check is pure and keeps no state.</summary>
public static class SiweVerifier
{
    /// <summary>How far ahead of our clock a wallet's Issued At may be: phones and laptops drift.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly EthereumMessageSigner Signer = new();

    /// <param name="message">The exact text the wallet signed.</param>
    /// <param name="signature">0x + 65 bytes in hex (r, s, v with v 27/28 or 0/1), as personal_sign returns it.</param>
    /// <param name="walletAddress">The address the client says signed.</param>
    /// <param name="expectedDomain">This server's public host, or host:port when the public URL has a port.</param>
    /// <param name="now">The current time.</param>
    /// <param name="maxAge">How old Issued At may be; must be positive.</param>
    public static Result<WalletProof> Verify(string message, string signature, string walletAddress,
        string expectedDomain, DateTimeOffset now, TimeSpan maxAge)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedDomain);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);

        var parsed = SiweMessage.Parse(message);
        if (!parsed.IsSuccess)
            return parsed.Error;
        var siwe = parsed.Value;

        // Host and port together: another port on the same host may be another origin, another app.
        if (!string.Equals(siwe.Domain, expectedDomain, StringComparison.OrdinalIgnoreCase))
            return Fail(WalletErrors.SiweDomainMismatch, "The sign-in message was made for another site.",
                $"Sign a message whose first line starts with {expectedDomain}.");

        if (!EthAddress.IsHex(walletAddress))
            return Fail(WalletErrors.InvalidWalletAddress, "The wallet address must be 0x followed by 40 hex digits.");
        if (!EthAddress.ChecksumHolds(walletAddress))
            return Fail(WalletErrors.InvalidWalletAddress, "The wallet address has a wrong EIP-55 checksum (its mixed case).");
        if (!string.Equals(walletAddress, siwe.Address, StringComparison.OrdinalIgnoreCase))
            return Fail(WalletErrors.WalletMismatch, "The wallet address is not the one in the sign-in message.");
        if (!EthAddress.ChecksumHolds(siwe.Address))
            return Fail(WalletErrors.WalletMismatch, "The address in the sign-in message has a wrong EIP-55 checksum (its mixed case).");

        if (siwe.IssuedAt > now + ClockSkew)
            return Fail(WalletErrors.SiweNotYetValid, "The sign-in message's Issued At is in the future.", "Check the device's clock.");
        if (now - siwe.IssuedAt > maxAge)
            return Fail(WalletErrors.SiweExpired, "The sign-in message is too old.", "Sign a new message.");
        if (siwe.ExpirationTime is { } expires && now >= expires)
            return Fail(WalletErrors.SiweExpired, "The sign-in message has expired.", "Sign a new message.");
        if (siwe.NotBefore is { } notBefore && now < notBefore)
            return Fail(WalletErrors.SiweNotYetValid, "The sign-in message is not valid yet (Not Before).");

        if (!IsSignatureShape(signature))
            return Fail(WalletErrors.InvalidSignature, "The signature must be 0x followed by 130 hex digits (65 bytes) ending in 1b, 1c, 00 or 01.");
        if (!SignedBy(message, signature, siwe.Address))
            return Fail(WalletErrors.InvalidSignature, "The signature was not made by the wallet for this message.");

        return new WalletProof(EthAddress.ToChecksum(siwe.Address), siwe.Domain, siwe.ChainId, siwe.Nonce, siwe.IssuedAt);
    }

    /// <summary>r and s are left to the recovery; only v is checked here, because Nethereum would otherwise read
    /// an EIP-155 transaction v (35+) as a chain id and still answer some address.</summary>
    private static bool IsSignatureShape(string? signature)
    {
        if (!EthAddress.IsPrefixedHex(signature, 130))
            return false;
        var v = byte.Parse(signature.AsSpan(130), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return v is 27 or 28 or 0 or 1;
    }

    /// <summary>Hostile r/s values (zero, past the curve order, no point on the curve) make the library throw:
    /// every failure is simply "not signed by this wallet".</summary>
    private static bool SignedBy(string message, string signature, string address)
    {
        try
        {
            var recovered = Signer.EncodeUTF8AndEcRecover(message, signature);
            return string.Equals(recovered, address, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static Error Fail(string code, string message, string? hint = null) => new(code, message, 400, hint);
}
