using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawVatar;

/// <summary>clawvatar.txt "List all public avatars": ownerType, search, tag, page, limit.</summary>
public sealed class GalleryTests(ClawVatarFactory factory) : IClassFixture<ClawVatarFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_gallery_filters_by_owner_type_pseudonym_substring_and_tag_and_hides_private_avatars()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var ai = await _client.CreateAvatarAsync($"Ai{marker}Cool", tags: $"robot,t{marker}");
        var human = await _client.CreateAvatarAsync($"Hu{marker}Cool", ownerType: "HUMAN", tags: "portrait");
        var hidden = await _client.CreateAvatarAsync($"Pr{marker}Cool", isPublic: false, tags: $"t{marker}");

        Names(await _client.ApiGetAsync($"/api/v1/avatars?search={marker.ToUpperInvariant()}")).ShouldBe([human.Pseudonym, ai.Pseudonym]);
        Names(await _client.ApiGetAsync($"/api/v1/avatars?search={marker}&ownerType=AI")).ShouldBe([ai.Pseudonym]);
        Names(await _client.ApiGetAsync($"/api/v1/avatars?search={marker}&ownerType=human")).ShouldBe([human.Pseudonym]);
        Names(await _client.ApiGetAsync($"/api/v1/avatars?tag=T{marker}")).ShouldBe([ai.Pseudonym]);
        Names(await _client.ApiGetAsync("/api/v1/avatars?limit=50")).ShouldNotContain(hidden.Pseudonym);
        (await _client.ApiGetAsync("/api/v1/avatars?ownerType=ROBOT")).ShouldBeVatarError(HttpStatusCode.BadRequest, "invalid_owner_type");
        (await _client.ApiGetAsync("/api/v1/avatars?page=-1")).ShouldBeVatarError(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiGetAsync("/api/v1/avatars?search=%25")).ShouldBeVatarOk().Body.GetProperty("avatars").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Pages_count_from_zero_default_to_24_and_stop_at_50()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var made = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await _client.CreateAvatarAsync($"Pg{marker}{i}")).Pseudonym);
        }

        var first = (await _client.ApiGetAsync($"/api/v1/avatars?search={marker}&page=0&limit=2")).ShouldBeVatarOk().Body;
        first.GetProperty("total").GetInt64().ShouldBe(5);
        first.GetProperty("hasMore").GetBoolean().ShouldBeTrue();
        var pages = new List<string>();
        for (var page = 0; page < 3; page++)
        {
            pages.AddRange(Names(await _client.ApiGetAsync($"/api/v1/avatars?search={marker}&page={page}&limit=2")));
        }

        pages.ShouldBe(Enumerable.Reverse(made).ToList(), "newest first, each once");
        var all = (await _client.ApiGetAsync("/api/v1/avatars?limit=500")).ShouldBeVatarOk().Body;
        all.GetProperty("limit").GetInt32().ShouldBe(50);
        (await _client.ApiGetAsync("/api/v1/avatars")).ShouldBeVatarOk().Body.GetProperty("limit").GetInt32().ShouldBe(24);
    }

    private static List<string> Names(ApiAnswer answer) =>
        [.. answer.ShouldBeVatarOk().Body.GetProperty("avatars").EnumerateArray().Select(a => a.Text("pseudonym"))];
}
