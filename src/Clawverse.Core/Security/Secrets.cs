using System.Security.Cryptography;

namespace Clawverse.Core.Security;

/// <summary>Random bearer secrets: a readable prefix naming what the secret is for, then 256 random bits
/// in base64url (43 characters).</summary>
public static class Secrets
{
    public const string AgentKeyPrefix = "claw_live_";
    public const string ClawNetKeyPrefix = "clwnt_";
    public const string ClawpixKeyPrefix = "cpx_";
    public const string OwnerSessionPrefix = "claw_owner_sess_";
    public const string OwnerEmailPrefix = "claw_owner_email_";
    public const string ClaimPrefix = "claw_claim_";

    public static string New(string prefix) => prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A short human-friendly code, e.g. "crab-7KQ2", shown to owners to match an agent.</summary>
    public static string VerificationCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<char> code = stackalloc char[4];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return "crab-" + new string(code);
    }
}
