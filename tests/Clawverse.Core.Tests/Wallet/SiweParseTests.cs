using Clawverse.Core.Avatars.Wallet;

namespace Clawverse.Core.Tests.Wallet;

/// <summary>The EIP-4361 grammar as the parser reads it: the spec's own examples, every required field missing
/// or out of order, bad field values, and random mutations that must be refused without throwing.</summary>
public sealed class SiweParseTests
{
    // The specification's example message (EIP-4361, "Examples"), after the first line's origin.
    private const string SpecExample =
        " wants you to sign in with your Ethereum account:\n"
        + "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n"
        + "I accept the ExampleOrg Terms of Service: https://example.com/tos\n\n"
        + "URI: https://example.com/login\nVersion: 1\nChain ID: 1\nNonce: 32891756\nIssued At: 2021-09-30T16:25:24Z\n"
        + "Resources:\n- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/\n- https://example.com/my-web2-claim.json";

    private const string Full =
        "clawverse.test wants you to sign in with your Ethereum account:\n"
        + "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\n\n"
        + "Make my ClawVatar permanent.\n\n"
        + "URI: https://clawverse.test/avatars/forever\nVersion: 1\nChain ID: 8453\nNonce: k3Jd92hQx7LmP0aZ\n"
        + "Issued At: 2026-03-01T11:59:00.000Z\nExpiration Time: 2026-03-01T12:09:00.000Z\nNot Before: 2026-03-01T11:59:00.000Z\n"
        + "Request ID: req-42\nResources:\n- https://clawverse.test/a/1";

    private static string Example(string origin) => origin + SpecExample;

    private static void ShouldBeInvalid(string text)
    {
        var result = SiweMessage.Parse(text);
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(WalletErrors.InvalidSiweMessage);
        result.Error.Status.ShouldBe(400);
    }

    [Fact]
    public void The_spec_example_parses_into_its_fields()
    {
        var message = SiweMessage.Parse(Example("example.com")).Value!;

        message.Scheme.ShouldBeNull();
        message.Domain.ShouldBe("example.com");
        message.Address.ShouldBe("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
        message.Statement.ShouldBe("I accept the ExampleOrg Terms of Service: https://example.com/tos");
        message.Uri.ShouldBe("https://example.com/login");
        message.Version.ShouldBe("1");
        message.ChainId.ShouldBe(1);
        message.Nonce.ShouldBe("32891756");
        message.IssuedAt.ShouldBe(new DateTimeOffset(2021, 9, 30, 16, 25, 24, TimeSpan.Zero));
        message.ExpirationTime.ShouldBeNull();
        message.NotBefore.ShouldBeNull();
        message.RequestId.ShouldBeNull();
        message.Resources.ShouldBe(["ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/", "https://example.com/my-web2-claim.json"]);
    }

    [Theory]
    [InlineData("example.com:3388", null, "example.com:3388")]
    [InlineData("https://example.com", "https", "example.com")]
    [InlineData("http://localhost:5173", "http", "localhost:5173")]
    [InlineData("127.0.0.1:8080", null, "127.0.0.1:8080")]
    [InlineData("[::1]:8080", null, "[::1]:8080")]
    [InlineData("user@example.com", null, "user@example.com")]
    public void The_first_line_takes_a_port_and_an_optional_scheme(string origin, string? scheme, string domain)
    {
        var message = SiweMessage.Parse(Example(origin)).Value!;

        message.Scheme.ShouldBe(scheme);
        message.Domain.ShouldBe(domain);
    }

    [Fact]
    public void Every_optional_field_is_read_in_order()
    {
        var message = SiweMessage.Parse(Full).Value!;

        message.ChainId.ShouldBe(8453);
        message.ExpirationTime.ShouldBe(new DateTimeOffset(2026, 3, 1, 12, 9, 0, TimeSpan.Zero));
        message.NotBefore.ShouldBe(new DateTimeOffset(2026, 3, 1, 11, 59, 0, TimeSpan.Zero));
        message.RequestId.ShouldBe("req-42");
        message.Resources.ShouldBe(["https://clawverse.test/a/1"]);
        message.ToMessage().ShouldBe(Full);
    }

    [Fact]
    public void No_statement_reads_in_the_specs_form_and_in_viems()
    {
        var spec = Full.Replace("Make my ClawVatar permanent.\n\n", "\n", StringComparison.Ordinal);
        var viem = Full.Replace("Make my ClawVatar permanent.\n\n", "", StringComparison.Ordinal);

        SiweMessage.Parse(spec).Value!.Statement.ShouldBeNull();
        SiweMessage.Parse(viem).Value!.Statement.ShouldBeNull();
        SiweMessage.Parse(spec).Value!.ToMessage().ShouldBe(spec);
        ShouldBeInvalid(Full.Replace("Make my ClawVatar permanent.\n\n", "\n\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Times_keep_their_offset_and_fraction()
    {
        var text = Full.Replace("Issued At: 2026-03-01T11:59:00.000Z", "Issued At: 2026-03-01T09:59:00.1234567-02:00", StringComparison.Ordinal);

        var issuedAt = SiweMessage.Parse(text).Value!.IssuedAt;

        issuedAt.Offset.ShouldBe(TimeSpan.FromHours(-2));
        issuedAt.UtcDateTime.ShouldBe(new DateTime(2026, 3, 1, 11, 59, 0, DateTimeKind.Utc).AddTicks(1234567));
        SiweMessage.Parse(text.Replace("T09:59", "t09:59", StringComparison.Ordinal)).IsSuccess.ShouldBeTrue();
        SiweMessage.Parse(text.Replace("1234567-", "123456789-", StringComparison.Ordinal)).IsSuccess.ShouldBeTrue();
    }

    [Theory]
    [InlineData("URI: ")]
    [InlineData("Version: ")]
    [InlineData("Chain ID: ")]
    [InlineData("Nonce: ")]
    [InlineData("Issued At: ")]
    public void A_missing_required_field_is_refused(string field)
    {
        var lines = Full.Split('\n');
        ShouldBeInvalid(string.Join('\n', lines.Where(l => !l.StartsWith(field, StringComparison.Ordinal))));
        ShouldBeInvalid(string.Join('\n', lines.Select(l => l.StartsWith(field, StringComparison.Ordinal) ? "" : l)));
    }

    [Theory]
    [InlineData("URI: ", "Version: ")]
    [InlineData("Version: ", "Chain ID: ")]
    [InlineData("Chain ID: ", "Nonce: ")]
    [InlineData("Nonce: ", "Issued At: ")]
    [InlineData("Issued At: ", "Expiration Time: ")]
    [InlineData("Expiration Time: ", "Not Before: ")]
    [InlineData("Not Before: ", "Request ID: ")]
    [InlineData("Request ID: ", "Resources:")]
    public void Fields_out_of_order_are_refused(string first, string second)
    {
        var lines = Full.Split('\n');
        var i = Array.FindIndex(lines, l => l.StartsWith(first, StringComparison.Ordinal));
        var j = Array.FindIndex(lines, l => l.StartsWith(second, StringComparison.Ordinal));
        (lines[i], lines[j]) = (lines[j], lines[i]);

        ShouldBeInvalid(string.Join('\n', lines));
    }

    [Theory]
    [InlineData("clawverse.test wants", " wants")] // no domain
    [InlineData("clawverse.test wants", "#clawverse wants")]
    [InlineData("clawverse.test wants", "clawverse.test:70000 wants")]
    [InlineData("clawverse.test wants", "[not:an:ip:v6:zz] wants")]
    [InlineData("clawverse.test wants", "1https://clawverse.test wants")]
    [InlineData("clawverse.test wants", "clawverse.test  wants")]
    [InlineData("wants you to sign in", "wants you to log in")]
    [InlineData("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226")]
    [InlineData("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "f39Fd6e51aad88F6F4ce6aB8827279cffFb92266ab")]
    [InlineData("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\n\n", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\n")]
    [InlineData("permanent.", "perma\nnent.")]
    [InlineData("permanent.", "permanent 100%.")]
    [InlineData("permanent.", "permanent \"forever\".")]
    [InlineData("permanent.", "permanent\u00e9.")]
    [InlineData("permanent.\n\n", "permanent.\n")]
    [InlineData("URI: https://clawverse.test/avatars/forever", "URI: :not_a_rfc3986_valid_uri_")]
    [InlineData("URI: https://clawverse.test/avatars/forever", "URI: https://clawverse.test/a b")]
    [InlineData("URI: https://clawverse.test/avatars/forever", "URI:https://clawverse.test/avatars/forever")]
    [InlineData("Version: 1", "Version: 2")]
    [InlineData("Version: 1", "Version:  1")]
    [InlineData("Chain ID: 8453", "Chain ID: ?")]
    [InlineData("Chain ID: 8453", "Chain ID: -1")]
    [InlineData("Chain ID: 8453", "Chain ID: 99999999999999999999")]
    [InlineData("Chain ID: 8453", "Chain ID: \u0661")] // an Arabic-Indic digit: \d would take it
    [InlineData("Nonce: k3Jd92hQx7LmP0aZ", "Nonce: 1234567")]
    [InlineData("Nonce: k3Jd92hQx7LmP0aZ", "Nonce: k3Jd92hQ-x7LmP0aZ")]
    [InlineData("Issued At: 2026-03-01T11:59:00.000Z", "Issued At: 2026-02-31T11:59:00.000Z")]
    [InlineData("Issued At: 2026-03-01T11:59:00.000Z", "Issued At: 2026-03-01T11:59:60Z")]
    [InlineData("Issued At: 2026-03-01T11:59:00.000Z", "Issued At: 2026-03-01 11:59:00Z")]
    [InlineData("Issued At: 2026-03-01T11:59:00.000Z", "Issued At: 2026-03-01T11:59:00")]
    [InlineData("Issued At: 2026-03-01T11:59:00.000Z", "Issued At: 2026-03-01T11:59:00+15:00")]
    [InlineData("Issued At: 2026-03-01T11:59:00.000Z", "Issued At: Wed Oct 05 2011 16:48:00 GMT+0200 (CEST)")]
    [InlineData("Expiration Time: 2026-03-01T12:09:00.000Z", "Expiration Time: tomorrow")]
    [InlineData("Not Before: 2026-03-01T11:59:00.000Z", "Not Before: 2026-13-01T11:59:00Z")]
    [InlineData("Request ID: req-42", "Request ID: req 42")]
    [InlineData("- https://clawverse.test/a/1", "- https://clawverse.test/a/1 - https://clawverse.test/a/2")]
    [InlineData("- https://clawverse.test/a/1", "- :not_a_rfc3986_valid_uri_")]
    [InlineData("- https://clawverse.test/a/1", "- https://clawverse.test/a/1\nExtra: line")]
    [InlineData("- https://clawverse.test/a/1", "- https://clawverse.test/a/1\n")] // trailing newline
    [InlineData("\n", "\r\n")]
    public void A_malformed_field_is_refused(string from, string to)
    {
        Full.ShouldContain(from);
        ShouldBeInvalid(Full.Replace(from, to, StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_and_huge_texts_are_refused()
    {
        ShouldBeInvalid("");
        ShouldBeInvalid(null!);
        ShouldBeInvalid(Full.Replace("Make my ClawVatar permanent.", new string('a', 20_000), StringComparison.Ordinal));
    }

    [Fact]
    public void Composing_a_message_that_would_not_parse_throws()
    {
        var message = SiweMessage.Parse(Full).Value!;

        Should.Throw<ArgumentException>(() => (message with { Nonce = "short" }).ToMessage());
        Should.Throw<ArgumentException>(() => (message with { Statement = "two\nlines" }).ToMessage());
        Should.Throw<ArgumentException>(() => (message with { Domain = "" }).ToMessage());
    }

    [Fact]
    public void Random_mutations_and_garbage_never_throw()
    {
        var random = new Random(4361);
        const string alphabet = "\n\r :/-.0123456789abcdefxABCDEFXZzTt@[]%#?\u0000\u00e9\ud83e\udd80 wants you to sign in URI: Version: Nonce: ";
        var signature = new Nethereum.Signer.EthereumMessageSigner().EncodeUTF8AndSign(Full,
            new Nethereum.Signer.EthECKey("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
        SiweVerifier.Verify(Full, signature, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "clawverse.test",
            new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(10)).IsSuccess.ShouldBeTrue();
        for (var i = 0; i < 2000; i++)
        {
            var text = new System.Text.StringBuilder(Full);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at)); break;
                    case 1: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }
            var mutated = text.ToString();
            var result = SiweMessage.Parse(mutated);
            if (result.IsSuccess)
                result.Value.Nonce.Length.ShouldBeGreaterThanOrEqualTo(8);
            // A real signature of the unmutated text, so recovery itself runs on the hostile variants.
            SiweVerifier.Verify(mutated, signature, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "clawverse.test",
                new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(10)).IsSuccess.ShouldBe(mutated == Full);

            var garbage = new string(Enumerable.Range(0, random.Next(0, 200)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            SiweMessage.Parse(garbage).IsSuccess.ShouldBeFalse();
        }
    }
}
