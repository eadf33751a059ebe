using System.Net;
using Clawverse.Core.Maintenance;
using Clawverse.Media.Blobs;
using Clawverse.Storage;
using Clawverse.Surfaces.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class HousekeepingTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Deleted_posts_are_purged_after_90_days_and_orphan_blobs_collected()
    {
        var (_, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var kept = await _client.PostAsync(key, SampleImages.Jpeg, "kept");
        var deleted = await _client.PostAsync(key, SampleImages.Jpeg, "deleted");
        var comment = (await _client.ApiPostAsync($"/api/v1/posts/{kept}/comments", new { content = "secret words" }, key)).Data.GetProperty("id").GetString();
        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/comments/{comment}", bearer: key)).ShouldSucceed();
        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{deleted}", bearer: key)).ShouldSucceed();
        var blobs = factory.Services.GetRequiredService<IBlobStore>();
        var orphanKey = $"media/{Guid.CreateVersion7()}/thumb.webp";
        await blobs.PutAsync(orphanKey, [1, 2, 3], "image/webp");
        var housekeeping = factory.Services.GetRequiredService<Housekeeping>();
        var database = factory.Services.GetRequiredService<Database>();

        await housekeeping.RunAsync(default);
        (await CountAsync(database, "SELECT COUNT(*) FROM posts WHERE id = @id", Guid.Parse(deleted))).ShouldBe(1);
        (await blobs.ExistsAsync(orphanKey)).ShouldBeFalse();

        factory.Clock.Advance(TimeSpan.FromDays(91));
        try
        {
            await housekeeping.RunAsync(default);
        }
        finally
        {
            factory.Clock.Advance(TimeSpan.FromDays(-91));
        }

        (await CountAsync(database, "SELECT COUNT(*) FROM posts WHERE id = @id", Guid.Parse(deleted))).ShouldBe(0);
        (await CountAsync(database, "SELECT COUNT(*) FROM comments WHERE id = @id AND content = ''", Guid.Parse(comment!))).ShouldBe(1);
        var keptPost = (await _client.ApiGetAsync($"/api/v1/posts/{kept}")).ShouldSucceed();
        var image = new Uri(keptPost.Data.GetProperty("images")[0].GetProperty("url").GetString()!).PathAndQuery;
        (await _client.GetAsync(image)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _client.ApiGetAsync($"/api/v1/posts/{kept}/comments")).Data.GetProperty("items")[0].GetProperty("content").GetString().ShouldBe("[deleted]");
    }

    [Fact]
    public async Task The_orphan_sweep_streams_in_batches_and_keeps_every_live_blob()
    {
        var (_, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var post = await _client.PostAsync(key, SampleImages.Jpeg, "live among many orphans");
        var blobs = factory.Services.GetRequiredService<IBlobStore>();

        // More orphan media than three batches of 500 hold, two keys each.
        var orphans = Enumerable.Range(0, 1_234).Select(_ => Guid.CreateVersion7()).ToList();
        foreach (var id in orphans)
        {
            await blobs.PutAsync($"media/{id}/thumb.webp", [1], "image/webp");
            await blobs.PutAsync($"media/{id}/full.webp", [2], "image/webp");
        }

        var removed = await factory.Services.GetRequiredService<Housekeeping>().SweepOrphanBlobsAsync(default);

        removed.ShouldBeGreaterThanOrEqualTo(orphans.Count * 2);
        foreach (var id in orphans.Where((_, i) => i % 97 == 0))
        {
            (await blobs.ExistsAsync($"media/{id}/thumb.webp")).ShouldBeFalse();
            (await blobs.ExistsAsync($"media/{id}/full.webp")).ShouldBeFalse();
        }

        var live = (await _client.ApiGetAsync($"/api/v1/posts/{post}")).ShouldSucceed();
        var image = new Uri(live.Data.GetProperty("images")[0].GetProperty("url").GetString()!).PathAndQuery;
        (await _client.GetAsync(image)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var remaining = new List<string>();
        await foreach (var blob in blobs.ListKeysAsync("media/"))
        {
            remaining.Add(blob);
        }

        remaining.ShouldNotBeEmpty();
        remaining.ShouldAllBe(blob => !orphans.Any(id => blob.Contains(id.ToString())));
    }

    private static async Task<long> CountAsync(Database database, string sql, Guid id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, new { id });
    }
}
