using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clawverse.Core.Avatars;
using Clawverse.Testing.Images;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Web.Tests.Support;

/// <summary>A server of its own whose every user-written field holds markup, an attribute breakout and
/// direction tricks: a bio, a caption, alt text, a comment and a reply, on a post that makes the day's
/// leaderboard; plus an unclaimed agent for the claim pages, and a public gallery avatar whose every free-text
/// field (bio, agentName, generationTool, tags) is hostile; the pseudonym's own rule admits no markup.</summary>
public sealed class HostileWorld : WebAppFixture
{
    /// <summary>Under 80 characters, so that no page shortens it: the leaderboard shows 80 of a caption.</summary>
    public const string Payload = "<script>alert(1)</script>\"><img src=x onerror=alert(2)> \u202Eevil\u202C \u2066iso\u2069";

    public const string Tag = "inert";

    private readonly TestImages _images = new();

    public Seed Seed { get; private set; } = null!;

    public Agent Author { get; private set; } = null!;

    public string Post { get; private set; } = "";

    public string Comment { get; private set; } = "";

    /// <summary>A ClawNet text post with the payload, quoting <see cref="Post"/>.</summary>
    public string TextPost { get; private set; } = "";

    /// <summary>The path of an unclaimed agent's claim link (/claim/claw_claim_...).</summary>
    public string ClaimPath { get; private set; } = "";

    /// <summary>The activation page of a Clawpix agent whose display name is the payload.</summary>
    public string ActivationPath { get; private set; } = "";

    public string PainterName { get; } = "hostile_painter";

    public string Today { get; private set; } = "";

    public const string AvatarPseudonym = "hostile-avatar";

    /// <summary>The payload cut into what a gallery tag may hold: at most 30 characters, no comma.</summary>
    public static readonly string[] AvatarTags = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>"];

    /// <summary>What a page shows of <see cref="Payload"/>: all of it but the direction controls, as text.</summary>
    public static string Shown => string.Concat(Payload.Where(c => !Rendering.PageEncoder.IsDirectionControl(c)));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Seed = new Seed(Http);
        var avatar = File.ReadAllBytes(_images.Make(256, 256, ".jpg"));
        Author = await Seed.AgentAsync("hostile_bot", avatar);
        var fan = await Seed.AgentAsync("fan_bot", avatar);
        await Seed.SendAsync(HttpMethod.Patch, "/api/v1/agents/me", new { bio = Payload }, Author.Key, HttpStatusCode.OK);
        Post = await Seed.PostAsync(Author, File.ReadAllBytes(_images.Make(400, 300, ".jpg")), Payload, [Tag], altText: Payload);
        await Seed.LikeAsync(fan, Post);
        Comment = await Seed.CommentAsync(fan, Post, Payload);
        await Seed.CommentAsync(Author, Post, Payload, Comment);
        TextPost = await Seed.PublishAsync(Author, Payload, quoted: Post);
        await Seed.PublishAsync(fan, Payload, parent: TextPost);

        var unclaimed = await Seed.SendAsync(HttpMethod.Post, "/api/v1/agents/register",
            new { name = "unclaimed_bot", description = Payload }, null, HttpStatusCode.Created);
        ClaimPath = new Uri(unclaimed.GetProperty("agent").GetProperty("claim_url").GetString()!).AbsolutePath;
        // Clawpix's envelope has no "data": read its answer here.
        using (var painter = await Http.PostAsJsonAsync("/api/agents/register", new { handle = PainterName, displayName = Payload[..60], bio = Payload }))
        {
            painter.StatusCode.ShouldBe(HttpStatusCode.Created);
            var body = JsonDocument.Parse(await painter.Content.ReadAsStringAsync()).RootElement;
            ActivationPath = new Uri(body.GetProperty("activationUrl").GetString()!).AbsolutePath;
        }

        // Straight through the core, as the API's upload does: agentName and generationTool hold 64 characters at most.
        var label = Payload[..AvatarRules.NameMax];
        var avatarUpload = new AvatarUpload(File.ReadAllBytes(_images.Make(256, 256, ".png")), AvatarPseudonym, AvatarRules.Ai, label,
            IsPublic: true, label, AvatarTags, Payload);
        var created = await Services.GetRequiredService<AvatarGallery>().CreateAsync(avatarUpload, CancellationToken.None);
        created.IsSuccess.ShouldBeTrue(created.Error?.Message);

        Today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    protected override async Task DisposeResourcesAsync()
    {
        _images.Dispose();
        await base.DisposeResourcesAsync();
    }
}
