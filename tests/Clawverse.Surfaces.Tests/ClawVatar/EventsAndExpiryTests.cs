using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawVatar;

/// <summary>clawvatar.txt "Events" and "Auto-expiry": the event stream (kept in the database), the expiry job
/// with a short CLAWVERSE_CLAWVATAR_UNVERIFIED_TTL, and CRON_SECRET.</summary>
public sealed class EventsAndExpiryTests(ShortLivedAvatarsFactory factory) : IClassFixture<ShortLivedAvatarsFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Events_tell_of_public_avatars_after_since_and_serverTime_continues_the_poll()
    {
        var since = (await _client.ApiGetAsync("/api/events/recent")).ShouldBeVatarOk().Body.GetProperty("serverTime").GetInt64();
        factory.Clock.Advance(TimeSpan.FromMilliseconds(5));
        var avatar = await _client.CreateAvatarAsync();
        var hidden = await _client.CreateAvatarAsync(isPublic: false);
        var agent = await _client.AccountableAgentAsync(factory);
        factory.Clock.Advance(TimeSpan.FromMilliseconds(5));
        (await _client.VatarPostAsync("/api/verify/checksum", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key }, agent.Key)).ShouldBeVatarOk();

        var answer = (await _client.ApiGetAsync($"/api/events/recent?since={since}&limit=50")).ShouldBeVatarOk().Body;
        var events = answer.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => (e.Text("type"), e.Text("pseudonym"))).ShouldBe([("avatar:created", avatar.Pseudonym), ("avatar:verified", avatar.Pseudonym)]);
        var created = events[0];
        created.Text("ownerType").ShouldBe("AI");
        created.Text("message").ShouldBe($"New AI avatar \"{avatar.Pseudonym}\" created.");
        created.Text("id").ShouldMatch($"^evt_{created.GetProperty("timestamp").GetInt64()}_[0-9]+$");
        answer.ToString().ShouldNotContain(hidden.Pseudonym);

        var serverTime = answer.GetProperty("serverTime").GetInt64();
        serverTime.ShouldBe(factory.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        (await _client.ApiGetAsync($"/api/events/recent?since={serverTime}")).ShouldBeVatarOk().Body.GetProperty("events").GetArrayLength().ShouldBe(0);
        // A full page continues from its last event, not from now: what the limit cut off comes in the next poll.
        var first = (await _client.ApiGetAsync($"/api/events/recent?since={since}&limit=1")).ShouldBeVatarOk().Body;
        first.GetProperty("events")[0].Text("type").ShouldBe("avatar:created");
        var next = (await _client.ApiGetAsync($"/api/events/recent?since={first.GetProperty("serverTime").GetInt64()}&limit=1")).Body;
        next.GetProperty("events")[0].Text("type").ShouldBe("avatar:verified");
        (await _client.ApiGetAsync("/api/events/recent?limit=0")).ShouldBeVatarError(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiGetAsync("/api/events/recent?limit=51")).ShouldBeVatarError(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiGetAsync("/api/events/recent?since=yesterday")).ShouldBeVatarError(HttpStatusCode.BadRequest, "validation_error");
    }

    [Fact]
    public async Task The_expiry_job_warns_once_then_deletes_expired_unverified_avatars_and_their_files()
    {
        var doomed = await _client.CreateAvatarAsync();
        doomed.Created.Text("warning").ShouldContain("expires in 10 minutes");
        var kept = await _client.CreateAvatarAsync();
        var agent = await _client.AccountableAgentAsync(factory);
        (await _client.VatarPostAsync("/api/verify/checksum", new { pseudonym = kept.Pseudonym, managementKey = kept.Key }, agent.Key)).ShouldBeVatarOk();

        (await _client.ApiPostAsync("/api/cron/expire-avatars")).ShouldBeVatarError(HttpStatusCode.Unauthorized, "invalid_cron_secret");
        (await _client.ApiPostAsync("/api/cron/expire-avatars", bearer: "wrong")).ShouldBeVatarError(HttpStatusCode.Unauthorized, "invalid_cron_secret");
        var first = (await Cron()).Body;
        first.GetProperty("warningPseudonyms").EnumerateArray().Select(w => w.GetString()).ShouldContain($"{doomed.Pseudonym} (1d left)");
        first.GetProperty("deletedPseudonyms").EnumerateArray().Select(w => w.GetString()).ShouldNotContain(doomed.Pseudonym);
        first.Text("timestamp").ShouldBe(factory.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        (await Cron()).Body.GetProperty("warningPseudonyms").EnumerateArray().Select(w => w.GetString()).ShouldNotContain($"{doomed.Pseudonym} (1d left)");

        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        // Past its time it is gone to everyone at once, before the job removes it.
        (await _client.ApiGetAsync($"/api/v1/avatars/{doomed.Pseudonym}")).ShouldBeVatarError(HttpStatusCode.NotFound, "avatar_not_found");
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = doomed.Key, bio = "still here?" }))
            .ShouldBeVatarError(HttpStatusCode.Unauthorized, "invalid_management_key");
        var second = (await Cron()).Body;
        second.GetProperty("deletedPseudonyms").EnumerateArray().Select(w => w.GetString()).ShouldContain(doomed.Pseudonym);
        second.GetProperty("deleted").GetInt32().ShouldBe(second.GetProperty("deletedPseudonyms").GetArrayLength());
        (await _client.ApiGetAsync($"/api/v1/avatars/{doomed.Pseudonym}")).ShouldBeVatarError(HttpStatusCode.NotFound, "avatar_not_found");
        (await _client.GetAsync(new Uri(doomed.Created.Text("imageUrl")).PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.ApiGetAsync($"/api/v1/avatars/{kept.Pseudonym}")).ShouldBeVatarOk();

        var events = (await _client.ApiGetAsync("/api/events/recent?limit=50")).Body.GetProperty("events").EnumerateArray()
            .Where(e => e.Text("pseudonym") == doomed.Pseudonym).Select(e => e.Text("type")).ToList();
        events.ShouldBe(["avatar:created", "avatar:expiring_soon", "avatar:expired"]);
    }

    private async Task<ApiAnswer> Cron() =>
        (await _client.ApiPostAsync("/api/cron/expire-avatars", bearer: ClawVatarFactory.CronSecret)).ShouldBeVatarOk();
}
