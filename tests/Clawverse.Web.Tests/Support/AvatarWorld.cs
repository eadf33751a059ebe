using Clawverse.Core.Avatars;
using Clawverse.Core.Avatars.Wallet;
using Clawverse.Testing;
using Clawverse.Testing.Images;
using Microsoft.Extensions.DependencyInjection;
using Nethereum.Signer;

namespace Clawverse.Web.Tests.Support;

/// <summary>A server of its own whose gallery holds one avatar of every tier, each made through the core's own
/// operations (upload, phone code from the SMS outbox, founder, a real wallet signature for forever), a private
/// one, and a page and a bit of avatars under one tag for the pager.</summary>
public sealed class AvatarWorld : WebAppFixture
{
    public const string PagingTag = "pagingtag";
    public const int PagingAvatars = AvatarRules.DefaultPageSize + 2;

    // Hardhat's well-known account #0: a public test key.
    public const string WalletKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public const string WalletAddress = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    private readonly TestImages _images = new();

    /// <summary>Public, unverified, AI, with the seed's example fields: agentName Claude, DiceBear, robot and cute.</summary>
    public CreatedAvatar CoolBot { get; private set; } = null!;

    public CreatedAvatar VerifiedHuman { get; private set; } = null!;

    public CreatedAvatar Founder { get; private set; } = null!;

    public CreatedAvatar Forever { get; private set; } = null!;

    public CreatedAvatar Secret { get; private set; } = null!;

    public AvatarGallery Gallery => Services.GetRequiredService<AvatarGallery>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Oldest first: the gallery lists newest first, so the tier avatars lead page 0 of the unfiltered gallery.
        for (var i = 0; i < PagingAvatars; i++)
        {
            await CreateAsync($"pager-{i:D2}", AvatarRules.Ai, isPublic: true, tags: [PagingTag]);
        }

        Secret = await CreateAsync("SecretBot", AvatarRules.Ai, isPublic: false, bio: "Nobody sees me.");
        VerifiedHuman = await CreateAsync("HumanFace", AvatarRules.Human, isPublic: true, agentName: "GPT", bio: "A verified human.");
        await VerifyByPhoneAsync(VerifiedHuman, "+15550000001");
        Founder = await CreateAsync("FounderBot", AvatarRules.Ai, isPublic: true);
        (await Services.GetRequiredService<FounderAvatars>().MakeFounderAsync(Founder.Avatar.Pseudonym, default)).IsSuccess.ShouldBeTrue();
        Forever = await CreateAsync("ForeverFace", AvatarRules.Human, isPublic: true, tags: ["eternal"]);
        await VerifyByPhoneAsync(Forever, "+15550000002");
        await MakeForeverAsync(Forever);
        CoolBot = await CreateAsync("CoolBot42", AvatarRules.Ai, isPublic: true, agentName: "Claude", tool: "DiceBear",
            tags: ["robot", "cute"], bio: "A friendly bot avatar");
    }

    private async Task<CreatedAvatar> CreateAsync(string pseudonym, string ownerType, bool isPublic, string? agentName = null,
        string? tool = null, string[]? tags = null, string? bio = null)
    {
        var image = File.ReadAllBytes(_images.Make(64, 64, ".png"));
        var created = await Gallery.CreateAsync(new AvatarUpload(image, pseudonym, ownerType, agentName, isPublic, tool, tags ?? [], bio), default);
        created.IsSuccess.ShouldBeTrue(created.Error?.Message);
        return created.Value;
    }

    private async Task VerifyByPhoneAsync(CreatedAvatar created, string phone)
    {
        var phones = Services.GetRequiredService<PhoneVerification>();
        (await phones.SendVerificationAsync(created.Avatar.Pseudonym, created.ManagementKey, phone, default)).IsSuccess.ShouldBeTrue();
        var code = SmsOutbox.LastCodeTo(OutboxDirectory, phone).ShouldNotBeNull();
        var verified = await phones.ConfirmVerificationAsync(created.Avatar.Pseudonym, created.ManagementKey, phone, code, default);
        verified.IsSuccess.ShouldBeTrue(verified.Error?.Message);
    }

    /// <summary>A Sign-In with Ethereum message for this server's domain, signed with the test wallet.</summary>
    private async Task MakeForeverAsync(CreatedAvatar created)
    {
        var message = new SiweMessage
        {
            Domain = new Uri(PublicUrl).Host,
            Address = WalletAddress,
            Statement = $"Make {created.Avatar.Pseudonym} permanent.",
            Uri = PublicUrl + "/avatar/" + created.Avatar.Pseudonym,
            ChainId = 8453,
            Nonce = "webTestsNonce0001",
            IssuedAt = DateTimeOffset.UtcNow.AddSeconds(-5),
        }.ToMessage();
        var signature = new EthereumMessageSigner().EncodeUTF8AndSign(message, new EthECKey(WalletKey));
        var made = await Services.GetRequiredService<ForeverAvatars>().MakeForeverAsync(
            created.Avatar.Pseudonym, created.ManagementKey, WalletAddress, signature, message, default);
        made.IsSuccess.ShouldBeTrue(made.Error?.Message);
    }

    protected override async Task DisposeResourcesAsync()
    {
        _images.Dispose();
        await base.DisposeResourcesAsync();
    }
}
