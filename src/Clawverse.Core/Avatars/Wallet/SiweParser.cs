using Clawverse.Core.Errors;

namespace Clawverse.Core.Avatars.Wallet;

/// <summary>Reads an EIP-4361 message line by line in the ABNF's fixed order. Nothing is skipped or reordered:
/// what is verified must be exactly what the wallet showed the user.</summary>
internal static class SiweParser
{
    /// <summary>Far above any real message (a few hundred bytes); bounds the work a hostile body can cause.</summary>
    public const int MaxLength = 16 * 1024;

    private const string HeaderSuffix = " wants you to sign in with your Ethereum account:";

    public static Result<SiweMessage> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return Invalid("it is empty");
        if (text.Length > MaxLength)
            return Invalid($"it is longer than {MaxLength} characters");
        // Only LF separates lines; a CR would otherwise hide inside a field.
        if (text.Contains('\r', StringComparison.Ordinal))
            return Invalid("lines must end with LF, not CRLF");

        var lines = text.Split('\n');
        var at = 0;
        string? Next() => at < lines.Length ? lines[at++] : null;
        string? Field(string prefix) =>
            at < lines.Length && lines[at].StartsWith(prefix, StringComparison.Ordinal) ? lines[at++][prefix.Length..] : null;

        var header = Next()!;
        if (!header.EndsWith(HeaderSuffix, StringComparison.Ordinal))
            return Invalid("the first line must be \"<domain> wants you to sign in with your Ethereum account:\"");
        var origin = header[..^HeaderSuffix.Length];
        string? scheme = null;
        var domain = origin;
        var schemeEnd = origin.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            scheme = origin[..schemeEnd];
            domain = origin[(schemeEnd + 3)..];
            if (!SiweSyntax.IsScheme(scheme))
                return Invalid("the scheme before the domain is not a URI scheme");
        }
        if (!SiweSyntax.IsAuthority(domain))
            return Invalid("the domain is not a host with an optional port");

        var address = Next();
        if (!EthAddress.IsHex(address))
            return Invalid("the second line must be the address, 0x and 40 hex digits");
        if (Next() != "")
            return Invalid("a blank line must follow the address");

        // The ABNF writes no statement as two blank lines; viem (and older siwe) write one. Both read the same
        // and neither can be taken for a statement, so both are accepted (a statement may not start "URI: ").
        string? statement = null;
        if (at < lines.Length && lines[at] == "")
            at++;
        else if (at < lines.Length && !lines[at].StartsWith("URI: ", StringComparison.Ordinal))
        {
            statement = lines[at++];
            if (!SiweSyntax.IsStatement(statement))
                return Invalid("the statement has characters EIP-4361 does not allow");
            if (Next() != "")
                return Invalid("a blank line must follow the statement, which is one line");
        }

        var uri = Field("URI: ");
        if (uri is null || !SiweSyntax.IsUri(uri))
            return Invalid(uri is null ? "the URI line is missing" : "the URI is not an absolute RFC 3986 URI");
        var version = Field("Version: ");
        if (version != "1")
            return Invalid(version is null ? "the Version line is missing" : "the version must be 1");
        var chainText = Field("Chain ID: ");
        if (chainText is null || !SiweSyntax.TryChainId(chainText, out var chainId))
            return Invalid(chainText is null ? "the Chain ID line is missing" : "the chain ID must be a number");
        var nonce = Field("Nonce: ");
        if (nonce is null || !SiweSyntax.IsNonce(nonce))
            return Invalid(nonce is null ? "the Nonce line is missing" : "the nonce must be at least 8 letters or digits");
        var issuedText = Field("Issued At: ");
        if (issuedText is null || !SiweSyntax.TryDateTime(issuedText, out var issuedAt))
            return Invalid(issuedText is null ? "the Issued At line is missing" : "Issued At is not an RFC 3339 date-time");

        DateTimeOffset? expirationTime = null, notBefore = null;
        if (Field("Expiration Time: ") is { } expirationText)
        {
            if (!SiweSyntax.TryDateTime(expirationText, out var value))
                return Invalid("Expiration Time is not an RFC 3339 date-time");
            expirationTime = value;
        }
        if (Field("Not Before: ") is { } notBeforeText)
        {
            if (!SiweSyntax.TryDateTime(notBeforeText, out var value))
                return Invalid("Not Before is not an RFC 3339 date-time");
            notBefore = value;
        }
        var requestId = Field("Request ID: ");
        if (requestId is not null && !SiweSyntax.IsRequestId(requestId))
            return Invalid("the request ID has characters EIP-4361 does not allow");
        var resources = new List<string>();
        if (at < lines.Length && lines[at] == "Resources:")
        {
            at++;
            while (Field("- ") is { } resource)
            {
                if (!SiweSyntax.IsUri(resource))
                    return Invalid($"resource {resources.Count + 1} is not an absolute RFC 3986 URI");
                resources.Add(resource);
            }
        }
        if (at < lines.Length)
            return Invalid($"line {at + 1} is out of place or unknown (fields come in the EIP-4361 order, with no trailing newline)");

        return new SiweMessage
        {
            Scheme = scheme,
            Domain = domain,
            Address = address,
            Statement = statement,
            Uri = uri,
            Version = version,
            ChainId = chainId,
            Nonce = nonce,
            IssuedAt = issuedAt,
            ExpirationTime = expirationTime,
            NotBefore = notBefore,
            RequestId = requestId,
            Resources = resources,
        };
    }

    private static Error Invalid(string why) =>
        new(WalletErrors.InvalidSiweMessage, $"The sign-in message is not a valid EIP-4361 message: {why}.", 400,
            "Sign the message exactly as it was issued, without changes.");
}
