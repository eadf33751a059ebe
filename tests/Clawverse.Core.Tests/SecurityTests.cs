using Clawverse.Core.Security;

namespace Clawverse.Core.Tests;

public sealed class SecurityTests
{
    private static readonly byte[] SecretA = Enumerable.Repeat((byte)1, 32).ToArray();
    private static readonly byte[] SecretB = Enumerable.Repeat((byte)2, 32).ToArray();

    [Fact]
    public void Keys_carry_their_prefix_and_256_random_bits()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => Secrets.New(Secrets.AgentKeyPrefix)).ToList();

        keys.ShouldAllBe(k => k.StartsWith("claw_live_", StringComparison.Ordinal) && k.Length == "claw_live_".Length + 43);
        keys.Distinct().Count().ShouldBe(200);
    }

    [Fact]
    public void The_hash_is_keyed_by_the_server_secret()
    {
        var key = Secrets.New(Secrets.AgentKeyPrefix);
        var hasherA = new SecretHasher(SecretA);

        hasherA.Hash(key).ShouldBe(hasherA.Hash(key));
        hasherA.Hash(key).ShouldNotBe(new SecretHasher(SecretB).Hash(key));
        hasherA.Matches(key, hasherA.Hash(key)).ShouldBeTrue();
        hasherA.Matches(key + "x", hasherA.Hash(key)).ShouldBeFalse();
        hasherA.Matches(key, [1, 2, 3]).ShouldBeFalse();
    }

    [Fact]
    public void A_short_server_secret_is_refused() =>
        Should.Throw<ArgumentException>(() => new SecretHasher(new byte[16]));

    [Fact]
    public void Verification_codes_are_readable()
    {
        Enumerable.Range(0, 100).Select(_ => Secrets.VerificationCode())
            .ShouldAllBe(c => System.Text.RegularExpressions.Regex.IsMatch(c, "^crab-[A-HJ-NP-Z2-9]{4}$"));
    }
}
