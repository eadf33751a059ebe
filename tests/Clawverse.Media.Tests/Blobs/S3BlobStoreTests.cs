using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Clawverse.Media.Blobs;
using Clawverse.Testing;

namespace Clawverse.Media.Tests.Blobs;

/// <summary>The behaviours <see cref="FileBlobStoreTests"/> checks, against a real S3-compatible server (s3rver); each test gets its own bucket.</summary>
public sealed class S3BlobStoreTests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IAsyncLifetime
{
    private readonly S3BlobOptions _options = new(s3.ServiceUrl, S3rverFixture.UniqueBucket("blobs"), s3.AccessKey, s3.SecretKey);
    private S3BlobStore _s3Store = null!;
    private IBlobStore _store = null!;

    public async Task InitializeAsync()
    {
        _s3Store = new S3BlobStore(_options);
        _store = _s3Store;
        await _s3Store.EnsureBucketAsync();
    }

    public Task DisposeAsync()
    {
        _s3Store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Put_then_read_round_trips_bytes_length_and_content_type()
    {
        byte[] content = Encoding.UTF8.GetBytes("hello, blobs");
        await _store.PutAsync("media/a/thumb.webp", content, "image/webp");

        await using BlobReadResult? blob = await _store.OpenReadAsync("media/a/thumb.webp");

        blob.ShouldNotBeNull();
        blob.Length.ShouldBe(content.Length);
        (await TestStreams.ReadAllAsync(blob.Content)).ShouldBe(content);
        using var client = S3BlobStore.CreateClient(_options);
        var metadata = await client.GetObjectMetadataAsync(_options.Bucket, "media/a/thumb.webp");
        metadata.Headers.ContentType.ShouldBe("image/webp");
    }

    [Fact]
    public async Task Put_from_a_stream_replaces_the_existing_object()
    {
        await _store.PutAsync("k", [1, 2, 3, 4, 5], "application/octet-stream");
        await _store.PutAsync("k", new ForwardOnlyStream([9, 8]), "application/octet-stream");

        await using BlobReadResult? blob = await _store.OpenReadAsync("k");

        blob!.Length.ShouldBe(2);
        (await TestStreams.ReadAllAsync(blob.Content)).ShouldBe(new byte[] { 9, 8 });
    }

    [Fact]
    public async Task Missing_keys_read_as_null_and_do_not_exist()
    {
        (await _store.OpenReadAsync("media/nope.webp")).ShouldBeNull();
        (await _store.OpenSeekableReadAsync("media/nope.webp")).ShouldBeNull();
        (await _store.ExistsAsync("media/nope.webp")).ShouldBeFalse();
        await _store.PutAsync("media/x/y", [1], "image/webp");
        (await _store.OpenReadAsync("media/x")).ShouldBeNull("a prefix is not a blob");
        (await _store.ExistsAsync("media/x/y")).ShouldBeTrue();
    }

    [Fact]
    public async Task Delete_removes_and_is_idempotent()
    {
        await _store.PutAsync("media/d.webp", [1], "image/webp");
        (await _store.ExistsAsync("media/d.webp")).ShouldBeTrue();

        await _store.DeleteAsync("media/d.webp");
        await _store.DeleteAsync("media/d.webp");
        await _store.DeleteAsync("never/existed/at.all");

        (await _store.ExistsAsync("media/d.webp")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("media/../../escape")]
    [InlineData("/tmp/escape")]
    [InlineData("media\\..\\escape")]
    [InlineData("media/.hidden")]
    [InlineData("media/space here")]
    public async Task Invalid_keys_are_rejected_by_every_operation(string key)
    {
        await Should.ThrowAsync<ArgumentException>(() => _store.PutAsync(key, [1], "image/webp"));
        await Should.ThrowAsync<ArgumentException>(() => _store.OpenReadAsync(key));
        await Should.ThrowAsync<ArgumentException>(() => _store.OpenSeekableReadAsync(key));
        await Should.ThrowAsync<ArgumentException>(() => _store.ExistsAsync(key));
        await Should.ThrowAsync<ArgumentException>(() => _store.DeleteAsync(key));
        (await ListAllObjects()).ShouldBeEmpty();
    }

    [Fact]
    public async Task List_returns_keys_by_prefix_and_skips_foreign_objects()
    {
        await _store.PutAsync("media/01/thumb.webp", [1], "image/webp");
        await _store.PutAsync("media/01/full.webp", [1], "image/webp");
        await _store.PutAsync("media/02/thumb.webp", [1], "image/webp");
        await _store.PutAsync("avatars/a.webp", [1], "image/webp");
        using (var client = S3BlobStore.CreateClient(_options))
            await client.PutObjectAsync(new PutObjectRequest { BucketName = _options.Bucket, Key = "media/01/not a key", ContentBody = "x" });

        (await List(_store, "media/01/")).ShouldBe(["media/01/full.webp", "media/01/thumb.webp"]);
        (await List(_store, "media/0")).ShouldBe(["media/01/full.webp", "media/01/thumb.webp", "media/02/thumb.webp"]);
        (await List(_store, "")).Count.ShouldBe(4);
        (await List(_store, "nothing/")).ShouldBeEmpty();
        Should.Throw<ArgumentException>(() => _store.ListKeysAsync("../"));
    }

    [Fact]
    public async Task List_follows_continuation_tokens_across_pages()
    {
        using var paged = new S3BlobStore(_options with { ListPageSize = 4 });
        string[] keys = [.. Enumerable.Range(0, 23).Select(i => $"media/{i:D3}/thumb.webp")];
        await Task.WhenAll(keys.Select(key => _store.PutAsync(key, [1], "image/webp")));
        await _store.PutAsync("avatars/z.webp", [1], "image/webp");

        (await List(paged, "media/")).ShouldBe(keys);
        (await List(paged, "")).Count.ShouldBe(24);
    }

    [Fact]
    public async Task List_returns_more_than_one_default_page()
    {
        string[] keys = [.. Enumerable.Range(0, 1010).Select(i => $"media/{i:D4}/feed.webp")];
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (key, ct) => await _store.PutAsync(key, [1], "image/webp", ct));

        (await List(_store, "media/")).ShouldBe(keys);
    }

    [Fact]
    public async Task A_prefix_option_keeps_the_store_inside_its_folder()
    {
        using var tenant = new S3BlobStore(_options with { Prefix = "tenant-a" });
        await tenant.PutAsync("media/t.webp", [5], "image/webp");
        await _store.PutAsync("media/outside.webp", [6], "image/webp");

        (await ListAllObjects()).ShouldBe(["media/outside.webp", "tenant-a/media/t.webp"]);
        (await List(tenant, "")).ShouldBe(["media/t.webp"]);
        (await tenant.ExistsAsync("media/outside.webp")).ShouldBeFalse();
        await tenant.DeleteAsync("media/t.webp");
        (await ListAllObjects()).ShouldBe(["media/outside.webp"]);
    }

    [Fact]
    public async Task A_failed_put_leaves_the_old_object()
    {
        await _store.PutAsync("media/p.webp", [7, 7, 7], "image/webp");

        await Should.ThrowAsync<IOException>(() => _store.PutAsync("media/p.webp", new FailingStream(), "image/webp"));

        await using BlobReadResult? blob = await _store.OpenReadAsync("media/p.webp");
        (await TestStreams.ReadAllAsync(blob!.Content)).ShouldBe(new byte[] { 7, 7, 7 });
    }

    [Fact]
    public async Task Seekable_reads_buffer_small_objects_and_stream_large_ones()
    {
        byte[] small = [.. Enumerable.Range(0, 300).Select(i => (byte)i)];
        await _store.PutAsync("media/small.webp", small, "image/webp");
        using var limited = new S3BlobStore(_options with { MaxBufferedBytes = 100 });

        await using (BlobReadResult? plain = await _store.OpenReadAsync("media/small.webp"))
            plain!.Content.CanSeek.ShouldBeFalse("S3 response streams cannot seek");
        await using (BlobReadResult? seekable = await _store.OpenSeekableReadAsync("media/small.webp"))
        {
            seekable!.Content.CanSeek.ShouldBeTrue();
            seekable.Length.ShouldBe(300);
            seekable.Content.Seek(250, SeekOrigin.Begin);
            (await TestStreams.ReadAllAsync(seekable.Content)).ShouldBe(small[250..]);
        }

        await using BlobReadResult? large = await limited.OpenSeekableReadAsync("media/small.webp");
        large!.Content.CanSeek.ShouldBeFalse("over MaxBufferedBytes the object is streamed whole");
        (await TestStreams.ReadAllAsync(large.Content)).ShouldBe(small);
    }

    [Fact]
    public async Task Ensure_bucket_is_idempotent_and_a_missing_bucket_is_an_error_not_a_miss()
    {
        await _s3Store.EnsureBucketAsync();
        await _s3Store.EnsureBucketAsync();

        using var missing = new S3BlobStore(_options with { Bucket = S3rverFixture.UniqueBucket("missing") });
        (await Should.ThrowAsync<AmazonS3Exception>(() => missing.OpenReadAsync("media/a.webp"))).ErrorCode.ShouldBe("NoSuchBucket");
        await Should.ThrowAsync<AmazonS3Exception>(() => missing.PutAsync("media/a.webp", [1], "image/webp"));
    }

    private async Task<List<string>> ListAllObjects()
    {
        using var client = S3BlobStore.CreateClient(_options);
        var response = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _options.Bucket });
        return [.. (response.S3Objects ?? []).Select(o => o.Key).Order(StringComparer.Ordinal)];
    }

    private static async Task<List<string>> List(IBlobStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (string key in store.ListKeysAsync(prefix))
            keys.Add(key);
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }
}
