using System.Text;
using Clawverse.Media.Blobs;

namespace Clawverse.Media.Tests.Blobs;

public sealed class FileBlobStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("clawverse-blobs-").FullName;
    private readonly IBlobStore _store;

    public FileBlobStoreTests() => _store = new FileBlobStore(Path.Combine(_root, "blobs"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Put_then_read_round_trips_bytes_and_length()
    {
        byte[] content = Encoding.UTF8.GetBytes("hello, blobs");
        await _store.PutAsync("media/a/thumb.webp", content, "image/webp");

        await using BlobReadResult? blob = await _store.OpenReadAsync("media/a/thumb.webp");

        blob.ShouldNotBeNull();
        blob.Length.ShouldBe(content.Length);
        (await TestStreams.ReadAllAsync(blob.Content)).ShouldBe(content);
    }

    [Fact]
    public async Task Put_from_a_stream_replaces_the_existing_object()
    {
        await _store.PutAsync("k", [1, 2, 3, 4, 5], "application/octet-stream");
        using var replacement = new MemoryStream([9, 8]);
        await _store.PutAsync("k", replacement, "application/octet-stream");

        await using BlobReadResult? blob = await _store.OpenReadAsync("k");

        (await TestStreams.ReadAllAsync(blob!.Content)).ShouldBe(new byte[] { 9, 8 });
    }

    [Fact]
    public async Task Missing_keys_read_as_null_and_do_not_exist()
    {
        (await _store.OpenReadAsync("media/nope.webp")).ShouldBeNull();
        (await _store.ExistsAsync("media/nope.webp")).ShouldBeFalse();
        await _store.PutAsync("media/x/y", [1], "image/webp");
        (await _store.OpenReadAsync("media/x")).ShouldBeNull("a directory is not a blob");
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
    public async Task Traversal_keys_are_rejected_by_every_operation(string key)
    {
        await Should.ThrowAsync<ArgumentException>(() => _store.PutAsync(key, [1], "image/webp"));
        await Should.ThrowAsync<ArgumentException>(() => _store.OpenReadAsync(key));
        await Should.ThrowAsync<ArgumentException>(() => _store.ExistsAsync(key));
        await Should.ThrowAsync<ArgumentException>(() => _store.DeleteAsync(key));
        Directory.EnumerateFileSystemEntries(_root, "*escape*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task List_returns_keys_by_prefix_and_never_temp_files()
    {
        await _store.PutAsync("media/01/thumb.webp", [1], "image/webp");
        await _store.PutAsync("media/01/full.webp", [1], "image/webp");
        await _store.PutAsync("media/02/thumb.webp", [1], "image/webp");
        await _store.PutAsync("avatars/a.webp", [1], "image/webp");
        await File.WriteAllBytesAsync(Path.Combine(_root, "blobs", "media", "01", ".tmp-leftover"), [1]);

        (await List("media/01/")).ShouldBe(["media/01/full.webp", "media/01/thumb.webp"]);
        (await List("media/0")).ShouldBe(["media/01/full.webp", "media/01/thumb.webp", "media/02/thumb.webp"]);
        (await List("")).Count.ShouldBe(4);
        (await List("nothing/")).ShouldBeEmpty();
        await Should.ThrowAsync<ArgumentException>(() => List("../"));
    }

    [Fact]
    public async Task A_failed_put_leaves_neither_the_object_nor_a_temp_file()
    {
        await _store.PutAsync("media/p.webp", [7, 7, 7], "image/webp");

        await Should.ThrowAsync<IOException>(() => _store.PutAsync("media/p.webp", new FailingStream(), "image/webp"));

        await using (BlobReadResult? blob = await _store.OpenReadAsync("media/p.webp"))
            (await TestStreams.ReadAllAsync(blob!.Content)).ShouldBe(new byte[] { 7, 7, 7 }, "the old object is untouched");
        Directory.EnumerateFiles(_root, ".tmp-*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Concurrent_puts_to_one_key_leave_one_whole_object()
    {
        byte[][] bodies = [.. Enumerable.Range(1, 8).Select(i => Enumerable.Repeat((byte)i, 256 * 1024).ToArray())];

        await Task.WhenAll(bodies.Select(body => Task.Run(() => _store.PutAsync("media/race.webp", body, "image/webp"))));

        await using BlobReadResult? blob = await _store.OpenReadAsync("media/race.webp");
        byte[] stored = await TestStreams.ReadAllAsync(blob!.Content);
        bodies.Any(body => body.SequenceEqual(stored)).ShouldBeTrue();
        Directory.EnumerateFiles(_root, ".tmp-*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public void Stale_temp_files_can_be_swept()
    {
        var store = new FileBlobStore(Path.Combine(_root, "sweep"));
        string stale = Path.Combine(store.RootDirectory, ".tmp-stale");
        string fresh = Path.Combine(store.RootDirectory, ".tmp-fresh");
        File.WriteAllBytes(stale, [1]);
        File.WriteAllBytes(fresh, [1]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));

        store.DeleteStaleTempFiles(TimeSpan.FromHours(1)).ShouldBe(1);

        File.Exists(stale).ShouldBeFalse();
        File.Exists(fresh).ShouldBeTrue();
    }

    private async Task<List<string>> List(string prefix)
    {
        var keys = new List<string>();
        await foreach (string key in _store.ListKeysAsync(prefix))
            keys.Add(key);
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }
}
