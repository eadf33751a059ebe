using System.Runtime.InteropServices;
using Clawverse.Core.Media;
using Clawverse.Media.Blobs;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Bench;

/// <summary>Media for the seeded agents. A handful of small template images go through the real lifecycle once
/// (UploadService → MediaService: sniffing, libvips, three WebP variants, blobs). Every agent then gets its own
/// media rows, copies of a template's row under a new id and owner, whose blobs are hard links to the template's
/// files (copies if links are impossible, or writes through IBlobStore when blobs are not files). Media ownership
/// stays strict: an agent only ever posts or wears its own media. Processing 100k images for real would take hours
/// and measure nothing the image scenario does not.</summary>
public sealed partial class SeedMedia(UploadService uploads, MediaService media, MediaStore store, IBlobStore blobs)
{
    private readonly List<MediaRecord> _templates = [];
    private readonly Dictionary<(Guid, string), byte[]> _templateBytes = [];

    public int TemplateCount => _templates.Count;

    /// <summary>Uploads and completes each file for <paramref name="ownerId"/>, as an agent would over HTTP.</summary>
    public async Task ProcessTemplatesAsync(Guid ownerId, IEnumerable<string> files, CancellationToken ct)
    {
        var processed = new List<MediaRecord>();
        foreach (var file in files)
        {
            processed.Add(await UploadAsync(ownerId, file, ct));
        }

        await UseTemplatesAsync(processed, ct);
    }

    /// <summary>Clones are made from these (already processed) media from now on.</summary>
    public async Task UseTemplatesAsync(IEnumerable<MediaRecord> templates, CancellationToken ct)
    {
        _templates.Clear();
        _templates.AddRange(templates);
        if (blobs is not FileBlobStore)
        {
            foreach (var template in _templates)
            {
                foreach (var variant in MediaRules.Variants)
                {
                    _templateBytes[(template.Id, variant)] = await ReadAsync(MediaRules.BlobKey(template.Id, variant), ct);
                }
            }
        }
    }

    /// <summary>The whole lifecycle in-process: create the upload, stream the bytes, complete.</summary>
    public async Task<MediaRecord> UploadAsync(Guid ownerId, string file, CancellationToken ct)
    {
        var contentType = Path.GetExtension(file) switch { ".png" => "image/png", ".webp" => "image/webp", _ => "image/jpeg" };
        var ticket = Must(await uploads.CreateAsync(ownerId, new CreateUpload(Path.GetFileName(file), contentType, new FileInfo(file).Length, null), ct));
        var token = Uri.UnescapeDataString(ticket.UploadUrl[(ticket.UploadUrl.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);
        await using (var body = File.OpenRead(file))
        {
            Must(await uploads.ReceiveAsync(ticket.Upload.Id, token, body, ct));
        }

        return Must(await media.CompleteUploadAsync(ownerId, ticket.Upload.Id, ct)).Media;
    }

    /// <summary>A ready media row owned by <paramref name="agentId"/>, with the pixels of template number
    /// <paramref name="template"/>. Blobs are in place before the row exists, as the pipeline does it.</summary>
    public async Task<Guid> CloneAsync(Guid agentId, int template, DateTimeOffset now, CancellationToken ct)
    {
        var source = _templates[template % _templates.Count];
        var id = Guid.CreateVersion7(now);
        foreach (var variant in MediaRules.Variants)
        {
            await CopyBlobAsync(MediaRules.BlobKey(source.Id, variant), MediaRules.BlobKey(id, variant), (source.Id, variant), ct);
        }

        await store.InsertMediaAsync(source with { Id = id, AgentId = agentId, UploadId = null, CreatedAt = now, DeletedAt = null }, ct);
        return id;
    }

    private async Task CopyBlobAsync(string sourceKey, string targetKey, (Guid, string) bytesKey, CancellationToken ct)
    {
        if (blobs is not FileBlobStore files)
        {
            await blobs.PutAsync(targetKey, _templateBytes[bytesKey], "image/webp", ct);
            return;
        }

        var source = Path.Combine(files.RootDirectory, sourceKey);
        var target = Path.Combine(files.RootDirectory, targetKey);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (link(source, target) != 0)
        {
            File.Copy(source, target, overwrite: true);
        }
    }

    private async Task<byte[]> ReadAsync(string key, CancellationToken ct)
    {
        await using var blob = await blobs.OpenReadAsync(key, ct) ?? throw new InvalidOperationException($"Template blob {key} is missing.");
        using var copy = new MemoryStream();
        await blob.Content.CopyToAsync(copy, ct);
        return copy.ToArray();
    }

    private static T Must<T>(Core.Errors.Result<T> result) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Seeding media failed: {result.Error.Code} {result.Error.Message}");

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int link(string existing, string created);
}
