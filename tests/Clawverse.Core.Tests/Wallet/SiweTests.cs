using Clawverse.Core.Avatars.Wallet;
using Clawverse.Core.Errors;
using Nethereum.Signer;

namespace Clawverse.Core.Tests.Wallet;

/// <summary>The make-forever wallet check: real secp256k1 signatures made with Nethereum, every refusal by its
/// code, the reference library's published vectors, and hostile input that must never throw.</summary>
public sealed class SiweTests
{
    private const string Domain = "clawverse.test";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private static readonly EthereumMessageSigner Signer = new();

    // Hardhat's well-known account #0: a public test key, so the checksummed address below is a fixed fact.
    private static readonly EthECKey FixedKey = new("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    private const string FixedAddress = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    private static SiweMessage Message(string address, string domain = Domain) => new()
    {
        Domain = domain,
        Address = address,
        Statement = "Make my ClawVatar permanent.",
        Uri = $"https://{domain}/avatars/forever",
        ChainId = 1,
        Nonce = "k3Jd92hQx7LmP0aZ",
        IssuedAt = Now.AddMinutes(-1),
    };

    private static string Sign(string text, EthECKey key) => Signer.EncodeUTF8AndSign(text, key);

    private static Result<WalletProof> Verify(string text, string signature, string wallet, string domain = Domain, DateTimeOffset? now = null) =>
        SiweVerifier.Verify(text, signature, wallet, domain, now ?? Now, MaxAge);

    private static void ShouldFail(Result<WalletProof> result, string code)
    {
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(code);
        result.Error.Status.ShouldBe(400);
    }

    [Fact]
    public void A_message_signed_by_a_generated_key_verifies()
    {
        var key = EthECKey.GenerateKey();
        var text = Message(key.GetPublicAddress()).ToMessage();

        var result = Verify(text, Sign(text, key), key.GetPublicAddress());

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.Address.ShouldBe(key.GetPublicAddress());
        result.Value.Domain.ShouldBe(Domain);
        result.Value.ChainId.ShouldBe(1);
        result.Value.Nonce.ShouldBe("k3Jd92hQx7LmP0aZ");
        result.Value.IssuedAt.ShouldBe(Now.AddMinutes(-1));
    }

    [Fact]
    public void The_proof_carries_the_checksummed_address_whatever_case_was_signed()
    {
        var text = Message(FixedAddress.ToLowerInvariant()).ToMessage();

        var result = Verify(text, Sign(text, FixedKey), FixedAddress.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal));

        result.Value!.Address.ShouldBe(FixedAddress);
    }

    [Fact]
    public void A_tampered_message_is_refused()
    {
        var text = Message(FixedAddress).ToMessage();
        var signature = Sign(text, FixedKey);

        ShouldFail(Verify(text.Replace("Chain ID: 1", "Chain ID: 10", StringComparison.Ordinal), signature, FixedAddress), WalletErrors.InvalidSignature);
        ShouldFail(Verify(text.Replace("permanent", "permanant", StringComparison.Ordinal), signature, FixedAddress), WalletErrors.InvalidSignature);
    }

    [Fact]
    public void A_signature_by_another_key_is_refused()
    {
        var text = Message(FixedAddress).ToMessage();

        ShouldFail(Verify(text, Sign(text, EthECKey.GenerateKey()), FixedAddress), WalletErrors.InvalidSignature);
    }

    [Fact]
    public void Another_domain_is_refused_but_case_does_not_matter()
    {
        var text = Message(FixedAddress, "evil.example").ToMessage();
        ShouldFail(Verify(text, Sign(text, FixedKey), FixedAddress), WalletErrors.SiweDomainMismatch);

        var upper = Message(FixedAddress, "ClawVerse.TEST").ToMessage();
        Verify(upper, Sign(upper, FixedKey), FixedAddress).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void The_port_is_part_of_the_domain()
    {
        var withPort = Message(FixedAddress, "clawverse.test:8443").ToMessage();
        ShouldFail(Verify(withPort, Sign(withPort, FixedKey), FixedAddress), WalletErrors.SiweDomainMismatch);
        ShouldFail(Verify(withPort, Sign(withPort, FixedKey), FixedAddress, "clawverse.test:8444"), WalletErrors.SiweDomainMismatch);
        Verify(withPort, Sign(withPort, FixedKey), FixedAddress, "clawverse.test:8443").IsSuccess.ShouldBeTrue();

        var withoutPort = Message(FixedAddress).ToMessage();
        ShouldFail(Verify(withoutPort, Sign(withoutPort, FixedKey), FixedAddress, "clawverse.test:8443"), WalletErrors.SiweDomainMismatch);
    }

    [Fact]
    public void A_scheme_on_the_first_line_is_read_apart_from_the_domain()
    {
        var text = (Message(FixedAddress) with { Scheme = "https" }).ToMessage();

        text.ShouldStartWith("https://clawverse.test wants you");
        Verify(text, Sign(text, FixedKey), FixedAddress).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Issued_at_must_be_recent_and_not_ahead_beyond_the_skew()
    {
        string At(DateTimeOffset issuedAt) => (Message(FixedAddress) with { IssuedAt = issuedAt }).ToMessage();

        var stale = At(Now - MaxAge - TimeSpan.FromSeconds(1));
        ShouldFail(Verify(stale, Sign(stale, FixedKey), FixedAddress), WalletErrors.SiweExpired);
        var oldest = At(Now - MaxAge);
        Verify(oldest, Sign(oldest, FixedKey), FixedAddress).IsSuccess.ShouldBeTrue();

        var future = At(Now + SiweVerifier.ClockSkew + TimeSpan.FromSeconds(1));
        ShouldFail(Verify(future, Sign(future, FixedKey), FixedAddress), WalletErrors.SiweNotYetValid);
        var skewed = At(Now + SiweVerifier.ClockSkew);
        Verify(skewed, Sign(skewed, FixedKey), FixedAddress).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Expiration_time_and_not_before_are_honoured()
    {
        var expired = (Message(FixedAddress) with { ExpirationTime = Now.AddSeconds(-1) }).ToMessage();
        ShouldFail(Verify(expired, Sign(expired, FixedKey), FixedAddress), WalletErrors.SiweExpired);
        var expiresAtNow = (Message(FixedAddress) with { ExpirationTime = Now }).ToMessage();
        ShouldFail(Verify(expiresAtNow, Sign(expiresAtNow, FixedKey), FixedAddress), WalletErrors.SiweExpired);

        var early = (Message(FixedAddress) with { NotBefore = Now.AddSeconds(1) }).ToMessage();
        ShouldFail(Verify(early, Sign(early, FixedKey), FixedAddress), WalletErrors.SiweNotYetValid);

        var window = (Message(FixedAddress) with { NotBefore = Now.AddSeconds(-1), ExpirationTime = Now.AddMinutes(5) }).ToMessage();
        Verify(window, Sign(window, FixedKey), FixedAddress).IsSuccess.ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("not a signature")]
    [InlineData("0xZZ")]
    public void A_signature_that_is_not_hex_is_refused(string signature) =>
        ShouldFail(Verify(Message(FixedAddress).ToMessage(), signature, FixedAddress), WalletErrors.InvalidSignature);

    [Fact]
    public void A_signature_of_the_wrong_shape_is_refused()
    {
        var text = Message(FixedAddress).ToMessage();
        var good = Sign(text, FixedKey);

        ShouldFail(Verify(text, good[..^2], FixedAddress), WalletErrors.InvalidSignature);
        ShouldFail(Verify(text, good + "00", FixedAddress), WalletErrors.InvalidSignature);
        ShouldFail(Verify(text, good[2..], FixedAddress), WalletErrors.InvalidSignature);
        ShouldFail(Verify(text, "0X" + good[2..], FixedAddress), WalletErrors.InvalidSignature);
        ShouldFail(Verify(text, good[..^1] + "g", FixedAddress), WalletErrors.InvalidSignature);
        ShouldFail(Verify(text, good[..^2] + "25", FixedAddress), WalletErrors.InvalidSignature); // v = 37: EIP-155, not personal_sign
        ShouldFail(Verify(text, good[..^2] + "1d", FixedAddress), WalletErrors.InvalidSignature);
    }

    [Fact]
    public void Recovery_bytes_0_and_1_are_read_as_27_and_28()
    {
        var text = Message(FixedAddress).ToMessage();
        var signature = Sign(text, FixedKey);
        var v = Convert.ToByte(signature[^2..], 16);
        v.ShouldBeOneOf((byte)27, (byte)28);

        var zeroBased = signature[..^2] + (v - 27).ToString("x2", System.Globalization.CultureInfo.InvariantCulture);

        Verify(text, zeroBased, FixedAddress).IsSuccess.ShouldBeTrue();
        Verify(text, signature.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal), FixedAddress).IsSuccess.ShouldBeTrue();
        var flipped = signature[..^2] + (v == 27 ? "1c" : "1b");
        ShouldFail(Verify(text, flipped, FixedAddress), WalletErrors.InvalidSignature);
    }

    [Fact]
    public void Lowercase_addresses_are_accepted_in_the_message_and_from_the_client()
    {
        var lower = FixedAddress.ToLowerInvariant();
        var text = Message(lower).ToMessage();

        Verify(text, Sign(text, FixedKey), lower).IsSuccess.ShouldBeTrue();
        Verify(text, Sign(text, FixedKey), FixedAddress).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void A_wrong_mixed_case_checksum_is_refused()
    {
        var wrong = "0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266"; // the first letter's case flipped
        var inMessage = Message(wrong).ToMessage();
        ShouldFail(Verify(inMessage, Sign(inMessage, FixedKey), FixedAddress.ToLowerInvariant()), WalletErrors.WalletMismatch);

        var text = Message(FixedAddress).ToMessage();
        ShouldFail(Verify(text, Sign(text, FixedKey), wrong), WalletErrors.InvalidWalletAddress);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0x1234")]
    [InlineData("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266")]
    [InlineData("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226g")]
    [InlineData("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226600")]
    [InlineData("vitalik.eth")]
    public void A_malformed_wallet_address_is_refused(string wallet)
    {
        var text = Message(FixedAddress).ToMessage();
        ShouldFail(Verify(text, Sign(text, FixedKey), wallet), WalletErrors.InvalidWalletAddress);
    }

    [Fact]
    public void Another_wallet_than_the_messages_is_refused()
    {
        var other = EthECKey.GenerateKey();
        var text = Message(FixedAddress).ToMessage();

        ShouldFail(Verify(text, Sign(text, other), other.GetPublicAddress()), WalletErrors.WalletMismatch);
    }

    [Fact]
    public void A_malformed_message_is_refused_before_anything_else()
    {
        ShouldFail(Verify("hello", "0x00", "nope", "elsewhere.example"), WalletErrors.InvalidSiweMessage);
        ShouldFail(Verify(null!, null!, null!), WalletErrors.InvalidSiweMessage);
    }

    [Fact]
    public void Hostile_strings_in_place_of_a_signature_never_throw()
    {
        var text = Message(FixedAddress).ToMessage();
        var random = new Random(4361);
        var buffer = new byte[65];
        string[] fixedR = ["00", "ff", "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"];
        for (var i = 0; i < 300; i++)
        {
            random.NextBytes(buffer);
            buffer[64] = (byte)random.Next(0, 2);
            var hex = Convert.ToHexStringLower(buffer);
            if (i < 30)
            {
                // Edge values: r (and s) all zero, all ones, the curve order itself.
                var edge = string.Concat(Enumerable.Repeat(fixedR[i % 3], 64 / fixedR[i % 3].Length));
                hex = edge + (i % 2 == 0 ? edge : hex[64..128]) + hex[128..];
            }
            ShouldFail(Verify(text, "0x" + hex, FixedAddress), WalletErrors.InvalidSignature);
        }
    }
}
