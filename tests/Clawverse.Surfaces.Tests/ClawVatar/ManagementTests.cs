using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawVatar;

/// <summary>clawvatar.txt "Manage your avatar": update with the key, the 30-day pseudonym lock, check-pseudonym, delete.</summary>
public sealed class ManagementTests(ClawVatarFactory factory) : IClassFixture<ClawVatarFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Update_changes_visibility_tags_and_bio_and_only_with_the_key()
    {
        var avatar = await _client.CreateAvatarAsync(isPublic: false);
        var updated = (await _client.VatarPostAsync("/api/avatar/update", new
        {
            managementKey = avatar.Key,
            isPublic = true,
            tags = new[] { "robot", "Updated" },
            bio = "Updated bio text",
        })).ShouldBeVatarOk().Body;
        updated.GetProperty("isPublic").GetBoolean().ShouldBeTrue();
        updated.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["robot", "updated"]);
        updated.Text("bio").ShouldBe("Updated bio text");

        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = "not-the-key", bio = "x" }))
            .ShouldBeVatarError(HttpStatusCode.Unauthorized, "invalid_management_key");
        (await _client.VatarPostAsync("/api/avatar/update", new { bio = "x" })).ShouldBeVatarError(HttpStatusCode.Unauthorized, "invalid_management_key");
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = avatar.Key, bio = new string('b', 161) }))
            .ShouldBeVatarError(HttpStatusCode.BadRequest, "bio_too_long");
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = avatar.Key, isPublic = "maybe" }))
            .ShouldBeVatarError(HttpStatusCode.BadRequest, "validation_error");
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = avatar.Key, tags = "robot" }))
            .ShouldBeVatarError(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiSendAsync(HttpMethod.Post, "/api/avatar/update", rawBody: "{not json"))
            .ShouldBeVatarError(HttpStatusCode.BadRequest, "validation_error");
    }

    [Fact]
    public async Task A_pseudonym_change_locks_further_changes_for_30_days()
    {
        // Verified, so that it outlives the lock (an unverified avatar expires when the lock ends).
        var avatar = await _client.CreateAvatarAsync();
        var agent = await _client.AccountableAgentAsync(factory);
        (await _client.VatarPostAsync("/api/verify/checksum", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key }, agent.Key)).ShouldBeVatarOk();
        var renamed = ClawVatarCalls.NewPseudonym("Renamed");
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = avatar.Key, pseudonym = renamed })).ShouldBeVatarOk()
            .Body.Text("pseudonym").ShouldBe(renamed);
        (await _client.ApiGetAsync($"/api/v1/avatars/{avatar.Pseudonym}")).ShouldBeVatarError(HttpStatusCode.NotFound, "avatar_not_found");
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = avatar.Key, pseudonym = ClawVatarCalls.NewPseudonym() }))
            .ShouldBeVatarError(HttpStatusCode.Conflict, "pseudonym_locked");

        // The old name is free again; a taken one is refused.
        var other = await _client.CreateAvatarAsync(avatar.Pseudonym);
        factory.Clock.Advance(TimeSpan.FromDays(30));
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = avatar.Key, pseudonym = other.Pseudonym.ToLowerInvariant() }))
            .ShouldBeVatarError(HttpStatusCode.Conflict, "pseudonym_taken");
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = avatar.Key, pseudonym = ClawVatarCalls.NewPseudonym() }))
            .ShouldBeVatarOk();
    }

    [Fact]
    public async Task Check_pseudonym_says_available_or_suggests_a_free_one()
    {
        var free = ClawVatarCalls.NewPseudonym();
        var answer = (await _client.VatarPostAsync("/api/avatar/check-pseudonym", new { pseudonym = free })).ShouldBeVatarOk().Body;
        answer.GetProperty("available").GetBoolean().ShouldBeTrue();
        answer.TryGetProperty("suggestion", out _).ShouldBeFalse();

        var taken = await _client.CreateAvatarAsync("CoolBot42" + Guid.NewGuid().ToString("N")[..6]);
        var refused = (await _client.VatarPostAsync("/api/avatar/check-pseudonym", new { pseudonym = taken.Pseudonym.ToUpperInvariant() })).ShouldBeVatarOk().Body;
        refused.GetProperty("available").GetBoolean().ShouldBeFalse();
        var suggestion = refused.Text("suggestion");
        suggestion.ShouldMatch("^[A-Za-z0-9_-]{2,30}$");
        suggestion.ShouldStartWith(taken.Pseudonym[..Math.Min(taken.Pseudonym.Length, 20)].ToUpperInvariant());
        (await _client.VatarPostAsync("/api/avatar/check-pseudonym", new { pseudonym = suggestion })).Body.GetProperty("available").GetBoolean().ShouldBeTrue();
        (await _client.VatarPostAsync("/api/avatar/check-pseudonym", new { pseudonym = "!" })).ShouldBeVatarError(HttpStatusCode.BadRequest, "invalid_pseudonym");
    }

    [Fact]
    public async Task An_unverified_avatar_is_deleted_with_its_key_and_its_image_goes_with_it()
    {
        var avatar = await _client.CreateAvatarAsync();
        var image = new Uri(avatar.Created.Text("imageUrl")).PathAndQuery;
        (await _client.VatarPostAsync("/api/avatar/delete", new { managementKey = "wrong" })).ShouldBeVatarError(HttpStatusCode.Unauthorized, "invalid_management_key");
        (await _client.VatarPostAsync("/api/avatar/delete", new { managementKey = avatar.Key })).ShouldBeVatarOk();
        (await _client.ApiGetAsync($"/api/v1/avatars/{avatar.Pseudonym}")).ShouldBeVatarError(HttpStatusCode.NotFound, "avatar_not_found");
        (await _client.GetAsync(image)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.VatarPostAsync("/api/avatar/delete", new { managementKey = avatar.Key })).ShouldBeVatarError(HttpStatusCode.Unauthorized, "invalid_management_key");
    }

    [Fact]
    public async Task A_founder_avatar_cannot_be_deleted_or_renamed()
    {
        var avatar = await _client.CreateAvatarAsync();
        var (exit, stdout, stderr) = await factory.AdminAsync("avatars", "founder", avatar.Pseudonym.ToLowerInvariant());
        exit.ShouldBe(0, stderr);
        stdout.ShouldContain("founder avatar");
        var read = (await _client.ApiGetAsync($"/api/v1/avatars/{avatar.Pseudonym}")).ShouldBeVatarOk().Body;
        read.GetProperty("isFounder").GetBoolean().ShouldBeTrue();
        read.GetProperty("isVerified").GetBoolean().ShouldBeTrue();
        read.GetProperty("expiresAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        read.GetProperty("badges").EnumerateArray().Select(b => b.GetString()).ShouldBe(["Founder", "Locked", "Verified"]);
        (await _client.VatarPostAsync("/api/avatar/delete", new { managementKey = avatar.Key })).ShouldBeVatarError(HttpStatusCode.Forbidden, "avatar_permanent");
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = avatar.Key, pseudonym = ClawVatarCalls.NewPseudonym() }))
            .ShouldBeVatarError(HttpStatusCode.Forbidden, "avatar_permanent");
        (await factory.AdminAsync("avatars", "founder", "NoSuchAvatar")).Exit.ShouldBe(1);
    }
}
