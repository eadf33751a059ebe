using System.Security.Cryptography;
using System.Text;

namespace Clawverse.Core.Security;

/// <summary>Keyed hashing of bearer secrets (API keys, owner tokens). Only these HMACs are stored, so a
/// leaked database does not yield usable keys without the server secret as well.</summary>
public sealed class SecretHasher
{
    private readonly byte[] _serverSecret;

    public SecretHasher(byte[] serverSecret)
    {
        if (serverSecret.Length < 32)
        {
            throw new ArgumentException("The server secret must be at least 256 bits.", nameof(serverSecret));
        }

        _serverSecret = serverSecret.ToArray();
    }

    public byte[] Hash(string secret) => HMACSHA256.HashData(_serverSecret, Encoding.UTF8.GetBytes(secret));

    /// <summary>Constant-time equality of a presented secret against a stored hash.</summary>
    public bool Matches(string presented, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);
}
