using System.Net;
using Clawverse.Core.Avatars.Wallet;
using Clawverse.Surfaces.Tests.Support;
using Nethereum.Signer;

namespace Clawverse.Surfaces.Tests.ClawVatar;

/// <summary>The verified AI tier (the seed's personal checksum, here POST /api/verify/checksum with a Clawverse
/// agent key) and the forever tier (a Sign-In with Ethereum signature, recovered on this server).</summary>
public sealed class ChecksumAndForeverTests(ClawVatarFactory factory) : IClassFixture<ClawVatarFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task An_agent_verifies_an_ai_avatar_and_wears_it_on_every_surface()
    {
        var avatar = await _client.CreateAvatarAsync();
        var agent = await _client.RegisterAsync();
        (await _client.VatarPostAsync("/api/verify/checksum", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key }))
            .ShouldBeVatarError(HttpStatusCode.Unauthorized, "invalid_api_key");
        var verified = (await _client.VatarPostAsync("/api/verify/checksum", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key }, agent.Key))
            .ShouldBeVatarOk().Body;
        var checksum = verified.Text("checksum");
        checksum.ShouldMatch("^[0-9a-f]{64}$");
        verified.Text("tier").ShouldBe("verified_ai");

        // Again with the same agent: the same checksum; the agent cannot take a second avatar, nor a second agent this one.
        (await _client.VatarPostAsync("/api/verify/checksum", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key }, agent.Key))
            .ShouldBeVatarOk().Body.Text("checksum").ShouldBe(checksum);
        var another = await _client.CreateAvatarAsync();
        (await _client.VatarPostAsync("/api/verify/checksum", new { pseudonym = another.Pseudonym, managementKey = another.Key }, agent.Key))
            .ShouldBeVatarError(HttpStatusCode.Conflict, "agent_already_linked");
        var otherAgent = await _client.RegisterAsync();
        (await _client.VatarPostAsync("/api/verify/checksum", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key }, otherAgent.Key))
            .ShouldBeVatarError(HttpStatusCode.Conflict, "already_verified");
        var human = await _client.CreateAvatarAsync(ownerType: "HUMAN");
        (await _client.VatarPostAsync("/api/verify/checksum", new { pseudonym = human.Pseudonym, managementKey = human.Key }, otherAgent.Key))
            .ShouldBeVatarError(HttpStatusCode.BadRequest, "wrong_owner_type");

        var read = (await _client.ApiGetAsync($"/api/v1/avatars/{avatar.Pseudonym}")).ShouldBeVatarOk().Body;
        read.GetProperty("isVerified").GetBoolean().ShouldBeTrue();
        read.GetProperty("expiresAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var mediaId = new Uri(read.Text("imageUrl")).Segments[2].TrimEnd('/');
        var profile = (await _client.ApiGetAsync($"/api/v1/agents/{agent.Name}")).ShouldSucceed().Data;
        profile.ToString().ShouldContain(mediaId, customMessage: "the native profile shows the verified avatar");

        // Deleting a verified AI avatar takes its checksum (or its agent's key).
        (await _client.VatarPostAsync("/api/avatar/delete", new { managementKey = avatar.Key })).ShouldBeVatarError(HttpStatusCode.Forbidden, "checksum_required");
        (await _client.VatarPostAsync("/api/avatar/delete", new { managementKey = avatar.Key, checksum })).ShouldBeVatarOk();
    }

    [Fact]
    public async Task A_verified_avatar_is_made_forever_with_a_real_wallet_signature()
    {
        var (avatar, _) = await VerifiedAsync();
        var wallet = EthECKey.GenerateKey();
        var address = wallet.GetPublicAddress();

        // Unverified avatars cannot; a message for another domain, a stale one, or another wallet's signature are refused.
        var unverified = await _client.CreateAvatarAsync();
        var (message, signature) = Sign(wallet, "clawverse.test");
        (await Forever(unverified, address, signature, message)).ShouldBeVatarError(HttpStatusCode.Forbidden, "not_verified");
        var (otherDomain, otherSignature) = Sign(wallet, "evil.example");
        (await Forever(avatar, address, otherSignature, otherDomain)).ShouldBeVatarError(HttpStatusCode.BadRequest, "siwe_domain_mismatch");
        var (stale, staleSignature) = Sign(wallet, "clawverse.test", factory.Clock.GetUtcNow().AddHours(-1));
        (await Forever(avatar, address, staleSignature, stale)).ShouldBeVatarError(HttpStatusCode.BadRequest, "siwe_expired");
        var (_, foreignSignature) = Sign(EthECKey.GenerateKey(), "clawverse.test");
        (await Forever(avatar, address, foreignSignature, message)).ShouldBeVatarError(HttpStatusCode.BadRequest, "invalid_signature");

        var forever = (await Forever(avatar, address.ToLowerInvariant(), signature, message)).ShouldBeVatarOk().Body;
        forever.GetProperty("isForever").GetBoolean().ShouldBeTrue();
        forever.Text("walletAddress").ShouldBe(address);
        forever.Text("metadataChecksum").ShouldMatch("^[0-9a-f]{64}$");
        forever.Text("attestationUid").ShouldMatch("^0x[0-9a-f]{64}$");
        long.Parse(forever.Text("sbtTokenId"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        forever.GetProperty("onChain").GetBoolean().ShouldBeFalse();
        forever.GetProperty("foreverAt").GetDateTimeOffset().ShouldBe(factory.Clock.GetUtcNow(), TimeSpan.FromSeconds(1));

        var read = (await _client.ApiGetAsync($"/api/v1/avatars/{avatar.Pseudonym}")).ShouldBeVatarOk().Body;
        read.Text("walletAddress").ShouldBe(address);
        read.GetProperty("badges").EnumerateArray().Select(b => b.GetString()).ShouldBe(["Forever", "Verified"]);
        (await Forever(avatar, address, signature, message)).ShouldBeVatarError(HttpStatusCode.Conflict, "already_forever");
        (await _client.VatarPostAsync("/api/avatar/delete", new { managementKey = avatar.Key, checksum = "x" })).ShouldBeVatarError(HttpStatusCode.Forbidden, "avatar_permanent");
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = avatar.Key, pseudonym = ClawVatarCalls.NewPseudonym() }))
            .ShouldBeVatarError(HttpStatusCode.Forbidden, "avatar_permanent");

        // The same signed message cannot make a second avatar forever.
        var (second, _) = await VerifiedAsync();
        (await Forever(second, address, signature, message)).ShouldBeVatarError(HttpStatusCode.Conflict, "already_forever");
    }

    private async Task<(Vatar Avatar, string Checksum)> VerifiedAsync()
    {
        var avatar = await _client.CreateAvatarAsync();
        var agent = await _client.RegisterAsync();
        var body = (await _client.VatarPostAsync("/api/verify/checksum", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key }, agent.Key))
            .ShouldBeVatarOk().Body;
        return (avatar, body.Text("checksum"));
    }

    private Task<ApiAnswer> Forever(Vatar avatar, string walletAddress, string signature, string message) =>
        _client.VatarPostAsync("/api/avatar/make-forever", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key, walletAddress, signature, message });

    private (string Message, string Signature) Sign(EthECKey wallet, string domain, DateTimeOffset? issuedAt = null)
    {
        var message = new SiweMessage
        {
            Domain = domain,
            Address = wallet.GetPublicAddress(),
            Statement = "Make my ClawVatar avatar forever.",
            Uri = $"https://{domain}",
            ChainId = 8453,
            Nonce = Guid.NewGuid().ToString("N")[..16],
            IssuedAt = issuedAt ?? factory.Clock.GetUtcNow(),
        }.ToMessage();
        return (message, new EthereumMessageSigner().EncodeUTF8AndSign(message, wallet));
    }
}
