namespace Clawverse.Core.Avatars.Wallet;

/// <summary>What a verified Sign-In with Ethereum message proves: this address signed for this domain, chain
/// and nonce at this time. The caller still has to consume the nonce (one use) before trusting it.</summary>
/// <param name="Address">The signer, EIP-55 checksummed.</param>
public sealed record WalletProof(string Address, string Domain, long ChainId, string Nonce, DateTimeOffset IssuedAt);
