namespace Clawverse.Core.Avatars.Wallet;

/// <summary>The stable codes of the wallet-signature check (all HTTP 400). Kept beside the check rather than in
/// ErrorCodes: they belong to ClawVatar's make-forever flow only.</summary>
public static class WalletErrors
{
    /// <summary>The signed text is not an EIP-4361 message.</summary>
    public const string InvalidSiweMessage = "invalid_siwe_message";

    /// <summary>The message was made for another site (host or port), so it may be phished.</summary>
    public const string SiweDomainMismatch = "siwe_domain_mismatch";

    /// <summary>The wallet address sent with the request is not 0x + 40 hex (or fails its EIP-55 checksum).</summary>
    public const string InvalidWalletAddress = "invalid_wallet_address";

    /// <summary>The wallet address sent is not the message's, or the message's address fails its checksum.</summary>
    public const string WalletMismatch = "wallet_mismatch";

    /// <summary>Issued too long ago, or past its Expiration Time.</summary>
    public const string SiweExpired = "siwe_expired";

    /// <summary>Issued in the future (beyond clock skew), or before its Not Before.</summary>
    public const string SiweNotYetValid = "siwe_not_yet_valid";

    /// <summary>The signature is malformed or was not made by the message's address.</summary>
    public const string InvalidSignature = "invalid_signature";
}
