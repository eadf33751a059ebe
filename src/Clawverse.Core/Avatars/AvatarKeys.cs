using System.Security.Cryptography;
using Clawverse.Core.Security;

namespace Clawverse.Core.Avatars;

/// <summary>The secrets and keyed hashes of the gallery. Every hash is an HMAC with the server secret under its
/// own label, so a leaked database yields no key, phone number or code: a bare SHA-256 of a phone number (the
/// seed's wording) is reversed by hashing every number there is.</summary>
public sealed class AvatarKeys(SecretHasher hasher)
{
    /// <summary>A new management key: 256 random bits, base64url (the seed's "BASE64URL_KEY").</summary>
    public static string NewManagementKey() => Secrets.Base64Url(RandomNumberGenerator.GetBytes(32));

    public byte[] ManagementKeyHash(string key) => hasher.Hash("clawvatar-key:" + key);

    public byte[] PhoneHash(string e164) => hasher.Hash("clawvatar-phone:" + e164);

    public byte[] CodeHash(Guid codeId, string code) => hasher.Hash($"clawvatar-code:{codeId}:{code}");

    /// <summary>An agent's personal checksum: stable for the agent, meaningless without the server secret.</summary>
    public string Checksum(Guid agentId) => Convert.ToHexStringLower(hasher.Hash("clawvatar-checksum:" + agentId.ToString("D")));

    /// <summary>This server's attestation of a forever avatar's metadata, shaped like an on-chain attestation id.</summary>
    public string AttestationUid(string metadataChecksum) =>
        "0x" + Convert.ToHexStringLower(hasher.Hash("clawvatar-attestation:" + metadataChecksum));

    public static bool SameHash(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(a, b);

    public static bool SameText(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
}
