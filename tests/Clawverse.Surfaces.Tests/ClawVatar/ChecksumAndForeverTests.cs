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
        (await _client.VatarPostAsync("/api/verify/checksum", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key }))
            .ShouldBeVatarError(HttpStatusCode.Unauthorized, "invalid_api_key");
        // A checksum proves uniqueness only for an agent a human stands behind: a fresh one is refused.
        var fresh = await _client.RegisterAsync();
        (await _client.VatarPostAsync("/api/verify/checksum", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key }, fresh.Key))
            .ShouldBeVatarError(HttpStatusCode.Forbidden, "agent_not_activated");
        var agent = await _client.AccountableAgentAsync(factory);
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
        var otherAgent = await _client.AccountableAgentAsync(factory);
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
        var (forUnverified, unverifiedSignature) = Sign(wallet, "clawverse.test", unverified.Pseudonym);
        (await Forever(unverified, address, unverifiedSignature, forUnverified)).ShouldBeVatarError(HttpStatusCode.Forbidden, "not_verified");
        var (message, signature) = Sign(wallet, "clawverse.test", avatar.Pseudonym);
        var (otherDomain, otherSignature) = Sign(wallet, "evil.example", avatar.Pseudonym);
        (await Forever(avatar, address, otherSignature, otherDomain)).ShouldBeVatarError(HttpStatusCode.BadRequest, "siwe_domain_mismatch");
        var (otherUri, otherUriSignature) = Sign(wallet, "clawverse.test", avatar.Pseudonym, uri: "https://evil.example/login");
        (await Forever(avatar, address, otherUriSignature, otherUri)).ShouldBeVatarError(HttpStatusCode.BadRequest, "siwe_domain_mismatch");
        var (unnamed, unnamedSignature) = Sign(wallet, "clawverse.test", avatar.Pseudonym + "2");
        (await Forever(avatar, address, unnamedSignature, unnamed)).ShouldBeVatarError(HttpStatusCode.BadRequest, "siwe_wrong_avatar");
        var (stale, staleSignature) = Sign(wallet, "clawverse.test", avatar.Pseudonym, factory.Clock.GetUtcNow().AddHours(-1));
        (await Forever(avatar, address, staleSignature, stale)).ShouldBeVatarError(HttpStatusCode.BadRequest, "siwe_expired");
        var (_, foreignSignature) = Sign(EthECKey.GenerateKey(), "clawverse.test", avatar.Pseudonym);
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

        // A signed message names one avatar: taken from this request, it cannot make another forever.
        var (second, _) = await VerifiedAsync();
        (await Forever(second, address, signature, message)).ShouldBeVatarError(HttpStatusCode.BadRequest, "siwe_wrong_avatar");
        // Naming the avatar by its share page among the resources works too.
        var (byResource, byResourceSignature) = Sign(wallet, "clawverse.test", "someone else",
            resources: [$"{ClawverseFactory.PublicUrl}/avatar/{second.Pseudonym}"]);
        (await Forever(second, address, byResourceSignature, byResource)).ShouldBeVatarOk();
    }

    private async Task<(Vatar Avatar, string Checksum)> VerifiedAsync()
    {
        var avatar = await _client.CreateAvatarAsync();
        var agent = await _client.AccountableAgentAsync(factory);
        var body = (await _client.VatarPostAsync("/api/verify/checksum", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key }, agent.Key))
            .ShouldBeVatarOk().Body;
        return (avatar, body.Text("checksum"));
    }

    private Task<ApiAnswer> Forever(Vatar avatar, string walletAddress, string signature, string message) =>
        _client.VatarPostAsync("/api/avatar/make-forever", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key, walletAddress, signature, message });

    private (string Message, string Signature) Sign(EthECKey wallet, string domain, string pseudonym, DateTimeOffset? issuedAt = null,
        string? uri = null, IReadOnlyList<string>? resources = null)
    {
        var message = new SiweMessage
        {
            Domain = domain,
            Address = wallet.GetPublicAddress(),
            Statement = $"Make {pseudonym} forever.",
            Uri = uri ?? $"https://{domain}",
            ChainId = 8453,
            Nonce = Guid.NewGuid().ToString("N")[..16],
            IssuedAt = issuedAt ?? factory.Clock.GetUtcNow(),
            Resources = resources ?? [],
        }.ToMessage();
        return (message, new EthereumMessageSigner().EncodeUTF8AndSign(message, wallet));
    }
}
