using System.Globalization;
using System.Text;
using Clawverse.Core.Errors;

namespace Clawverse.Core.Avatars.Wallet;

/// <summary>An EIP-4361 (Sign-In with Ethereum) message. <see cref="Parse"/> reads one strictly;
/// <see cref="ToMessage"/> writes one for a wallet to sign.</summary>
public sealed record SiweMessage
{
    /// <summary>Set only when the first line has the <c>scheme://domain</c> form.</summary>
    public string? Scheme { get; init; }

    /// <summary>The RFC 3986 authority asking for the signature: host, optional port (and, rarely, userinfo).</summary>
    public required string Domain { get; init; }

    /// <summary>As written in the message (any case); its checksum is checked by <see cref="SiweVerifier"/>.</summary>
    public required string Address { get; init; }

    public string? Statement { get; init; }

    public required string Uri { get; init; }

    public string Version { get; init; } = "1";

    public required long ChainId { get; init; }

    public required string Nonce { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset? ExpirationTime { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public string? RequestId { get; init; }

    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Reads a message; anything off the EIP-4361 grammar is <see cref="WalletErrors.InvalidSiweMessage"/>.</summary>
    public static Result<SiweMessage> Parse(string text) => SiweParser.Parse(text);

    /// <summary>The text to sign, in the reference library's layout (times as UTC with milliseconds, so
    /// sub-millisecond precision is dropped). Throws <see cref="ArgumentException"/> when the fields would not
    /// make a message that <see cref="Parse"/> accepts, so nothing unverifiable is ever handed to a wallet.</summary>
    public string ToMessage()
    {
        var text = new StringBuilder()
            .Append(Scheme is null ? "" : Scheme + "://").Append(Domain).Append(" wants you to sign in with your Ethereum account:\n")
            .Append(Address).Append("\n\n")
            .Append(Statement is null ? "\n" : Statement + "\n\n")
            .Append("URI: ").Append(Uri)
            .Append("\nVersion: ").Append(Version)
            .Append("\nChain ID: ").Append(ChainId.ToString(CultureInfo.InvariantCulture))
            .Append("\nNonce: ").Append(Nonce)
            .Append("\nIssued At: ").Append(SiweSyntax.FormatDateTime(IssuedAt));
        if (ExpirationTime is { } expirationTime)
            text.Append("\nExpiration Time: ").Append(SiweSyntax.FormatDateTime(expirationTime));
        if (NotBefore is { } notBefore)
            text.Append("\nNot Before: ").Append(SiweSyntax.FormatDateTime(notBefore));
        if (RequestId is not null)
            text.Append("\nRequest ID: ").Append(RequestId);
        if (Resources.Count > 0)
        {
            text.Append("\nResources:");
            foreach (var resource in Resources)
                text.Append("\n- ").Append(resource);
        }

        var message = text.ToString();
        var check = Parse(message);
        return check.IsSuccess ? message : throw new ArgumentException(check.Error.Message);
    }
}
