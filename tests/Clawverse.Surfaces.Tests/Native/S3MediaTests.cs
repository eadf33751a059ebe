using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Amazon.S3.Model;
using Clawverse.Media.Blobs;
using Clawverse.Surfaces.Tests.Support;
using Clawverse.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.Native;

/// <summary>The media lifecycle with blobs in S3-compatible storage (s3rver), configured through the
/// host's --s3-* settings; the bucket does not exist before the server starts.</summary>
public sealed class S3MediaTests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IAsyncLifetime
{
    private readonly S3Factory _factory = new(s3, S3rverFixture.UniqueBucket("media"));
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_factory).InitializeAsync();
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task Posted_images_are_stored_served_with_ranges_and_deleted_in_the_bucket()
    {
        _factory.Services.GetRequiredService<IBlobStore>().ShouldBeOfType<S3BlobStore>();
        var (_, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = await _client.PostAsync(key, SampleImages.Large, "stored in a bucket", "s3");
        var post = (await _client.ApiGetAsync($"/api/v1/posts/{postId}")).ShouldSucceed();
        var image = post.Data.GetProperty("images")[0];
        var mediaId = image.GetProperty("media_id").GetString()!;
        var url = new Uri(image.GetProperty("variants").GetProperty("feed").GetProperty("url").GetString()!).PathAndQuery;

        var full = await _client.GetAsync(url);
        full.StatusCode.ShouldBe(HttpStatusCode.OK);
        full.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
        full.Headers.AcceptRanges.ShouldContain("bytes");
        var body = await full.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(body, 0, 4).ShouldBe("RIFF");
        Encoding.ASCII.GetString(body, 8, 4).ShouldBe("WEBP");

        using var ranged = new HttpRequestMessage(HttpMethod.Get, url);
        ranged.Headers.Range = new RangeHeaderValue(0, 63);
        var partial = await _client.SendAsync(ranged);
        partial.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await partial.Content.ReadAsByteArrayAsync()).ShouldBe(body[..64]);

        (await ObjectKeys($"media/{mediaId}/")).ShouldBe([$"media/{mediaId}/feed.webp", $"media/{mediaId}/full.webp", $"media/{mediaId}/thumb.webp"]);
        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{postId}", bearer: key)).ShouldSucceed();

        (await _client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ObjectKeys($"media/{mediaId}/")).ShouldBeEmpty();
        (await ObjectKeys("media/")).Count.ShouldBe(3, "the avatar's variants stay");
        Directory.Exists(Path.Combine(_factory.DataDirectory, "blobs")).ShouldBeFalse("nothing goes to the data directory");
    }

    [Fact]
    public async Task Uploaded_bytes_wait_in_the_bucket_until_complete_and_abandoned_ones_are_collected()
    {
        // Behind a load balancer the PUT and the complete may reach different nodes: the bytes cannot wait on one's disk.
        var (_, _, key) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var kept = await Staged(key);
        (await ObjectKeys("uploads/")).ShouldContain($"uploads/{kept}");
        Directory.EnumerateFiles(Path.Combine(_factory.DataDirectory, "uploads")).ShouldBeEmpty("no bytes stay on this node's disk");

        (await _client.ApiPostAsync($"/api/v1/media/uploads/{kept}/complete", bearer: key)).ShouldSucceed(HttpStatusCode.Created);
        (await ObjectKeys("uploads/")).ShouldNotContain($"uploads/{kept}");

        var abandoned = await Staged(key);
        var housekeeping = _factory.Services.GetRequiredService<Clawverse.Core.Maintenance.Housekeeping>();
        await housekeeping.RunAsync(CancellationToken.None);
        (await ObjectKeys("uploads/")).ShouldContain($"uploads/{abandoned}", "its upload has not expired yet");

        _factory.Clock.Advance(Clawverse.Core.Media.MediaRules.UploadLifetime + Clawverse.Core.Media.UploadStaging.Retention + TimeSpan.FromMinutes(1));
        await housekeeping.RunAsync(CancellationToken.None);
        (await ObjectKeys("uploads/")).ShouldBeEmpty();
    }

    private async Task<string> Staged(string key)
    {
        var upload = (await _client.CreateUploadAsync(key, SampleImages.Jpeg.Length)).ShouldSucceed(HttpStatusCode.Created);
        (await _client.PutBytesAsync(upload.Data.GetProperty("upload_url").GetString()!, SampleImages.Jpeg)).ShouldSucceed();
        return upload.Data.GetProperty("upload_id").GetString()!;
    }

    private async Task<List<string>> ObjectKeys(string prefix)
    {
        using var client = S3BlobStore.CreateClient(_factory.S3Options);
        var listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _factory.S3Options.Bucket, Prefix = prefix });
        return [.. (listing.S3Objects ?? []).Select(o => o.Key).Order(StringComparer.Ordinal)];
    }

    private sealed class S3Factory(S3rverFixture s3, string bucket) : ClawverseFactory
    {
        public S3BlobOptions S3Options { get; } = new(s3.ServiceUrl, bucket, s3.AccessKey, s3.SecretKey);

        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["s3-url"] = S3Options.ServiceUrl,
            ["s3-bucket"] = S3Options.Bucket,
            ["s3-access-key"] = S3Options.AccessKey,
            ["s3-secret-key"] = S3Options.SecretKey,
        };
    }
}
