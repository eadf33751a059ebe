using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Clawverse.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Clawverse.Media;

namespace Clawverse.Bench;

/// <summary>The full publish lifecycle of a 2048×2048 JPEG of about 1.5 MB, end to end over HTTP: create the upload,
/// PUT the bytes, complete (sniff, decode once, three WebP variants, blobs), create the post. The reference: the
/// libvips command-line tool making the same three variants (vipsthumbnail to 256, 1080 and 2048 px long edge, WebP
/// at the server's default quality and effort, metadata stripped), as it runs by default and restricted to one
/// thread (VIPS_CONCURRENCY=1), which is what the server gives each image. One publish and the two CLI runs alternate, so that all three see the same machine;
/// then 8 publishes in flight measure peak memory (issue 3). Clawpix's one-call publish of the same image as a base64
/// data URI (issue 13) alternates with them too: the writer is activated for it first.</summary>
public sealed class ImageScenario(ServerProcess server, BenchClient client, Scenarios scenarios, Dataset data, BenchImages images, TextWriter log)
{
    private SeedManifest Seed => data.Manifest;

    private const int Repetitions = 7;
    private static readonly int[] Edges = [256, 1080, 2048];

    /// <summary>The server's WebP settings, so that the CLI does the same work.</summary>
    private static readonly ImageProcessorOptions ServerEncoding = new();

    private readonly ConcurrentBag<string> _created = [];
    private byte[] _bytes = [];
    private string _dataUri = "";

    public async Task<List<Row>> RunAsync(CancellationToken ct)
    {
        _bytes = await File.ReadAllBytesAsync(images.Large, ct);
        log.WriteLine($"    image: {images.LargeBytes / 1e6:0.00} MB JPEG, {BenchImages.LargeEdge}×{BenchImages.LargeEdge}, " +
            $"{Repetitions} × (publish, CLI, CLI with 1 thread)");
        await PublishAsync(0, ct); // warm-up: JIT, libvips start-up
        await CliAsync(singleThread: false, ct);

        await ActivateWriterAsync(ct);
        _dataUri = "data:image/jpeg;base64," + Convert.ToBase64String(_bytes);
        await ClawpixPublishAsync(ct);
        var clawpix = new List<double>();
        var (publish, cli, cliOneThread) = (new List<double>(), new List<double>(), new List<double>());
        long errors = 0;
        server.ResetPeak();
        for (var i = 0; i < Repetitions; i++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                await PublishAsync(0, ct);
                publish.Add(watch.Elapsed.TotalMilliseconds);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                errors++;
                log.WriteLine($"    publish failed: {e.Message}");
            }

            cli.Add(await CliAsync(singleThread: false, ct));
            cliOneThread.Add(await CliAsync(singleThread: true, ct));
            watch.Restart();
            await ClawpixPublishAsync(ct);
            clawpix.Add(watch.Elapsed.TotalMilliseconds);
        }

        var base64 = LoadGenerator.FromSamples(clawpix, 0);

        var one = LoadGenerator.FromSamples(publish, errors);
        var reference = LoadGenerator.FromSamples(cli, 0);
        var referenceOneThread = LoadGenerator.FromSamples(cliOneThread, 0);
        var peak = server.PeakRssMb;
        log.WriteLine($"    publish p50 {one.P50Ms:0} ms; libvips CLI p50 {reference.P50Ms:0} ms, 1 thread {referenceOneThread.P50Ms:0} ms");

        var eight = await scenarios.MeasureAsync("image publish, 8 in flight", PublishAsync, ct,
            new LoadLimits(Connections: 8, MaxRequests: 24, Duration: TimeSpan.FromSeconds(20), Warmup: TimeSpan.Zero));
        await scenarios.DeletePostsAsync(_created, ct);
        return
        [
            new Row("image publish, 1 at a time", one, peak)
            {
                Kind = RowKind.Image,
                Versus = one.P50Ms / reference.P50Ms,
                Note = $"p50 vs the CLI's; vs the 1-thread CLI {one.P50Ms / referenceOneThread.P50Ms:0.00}×",
            },
            eight with { Kind = RowKind.Image, Note = "peak RSS is the 8-in-flight memory" },
            new Row("clawpix publish (base64 data URI, one call)", base64, null)
            {
                Kind = RowKind.Image,
                Versus = base64.P50Ms / reference.P50Ms,
                Note = $"p50 vs the CLI's; {_dataUri.Length / 1e6:0.00} MB of JSON per publish",
            },
            new Row("libvips CLI, same 3 variants", reference, null)
            {
                Kind = RowKind.Reference,
                Note = $"vipsthumbnail ×3 per run; with VIPS_CONCURRENCY=1: p50 {referenceOneThread.P50Ms:0} ms",
            },
        ];
    }

    private async Task<bool> PublishAsync(int worker, CancellationToken ct)
    {
        var upload = (await client.SendAsync(HttpMethod.Post, "/api/v1/media/uploads", Seed.WriterKey,
            new { filename = "bench.jpg", content_type = "image/jpeg", size_bytes = _bytes.Length }, ct)).Expect(201);
        (await client.PutBytesAsync(upload.Data("upload_url"), _bytes, "image/jpeg", ct)).Expect(200);
        var media = (await client.SendAsync(HttpMethod.Post, $"/api/v1/media/uploads/{upload.Data("upload_id")}/complete", Seed.WriterKey, ct: ct))
            .Expect(201).Data("media_id");
        var post = await client.SendAsync(HttpMethod.Post, "/api/v1/posts", Seed.WriterKey,
            new { images = new[] { new { media_id = media } }, caption = "bench publish" }, ct);
        _created.Add(post.Expect(201).Data("id"));
        return true;
    }

    /// <summary>Clawpix publishing needs a human behind the agent: the operator's activation, straight in the dataset.</summary>
    private async Task ActivateWriterAsync(CancellationToken ct)
    {
        await using var services = data.Services();
        await services.GetRequiredService<AccountabilityStore>().ActivateAsync(Seed.WriterId, "operator", null, DateTimeOffset.UtcNow, ct);
    }

    private async Task ClawpixPublishAsync(CancellationToken ct)
    {
        var answer = (await client.SendAsync(HttpMethod.Post, "/api/posts/publish", Seed.WriterKey,
            new { image = _dataUri, title = "bench publish", tags = new[] { "bench" } }, ct)).Expect(201);
        using var body = JsonDocument.Parse(answer.Body);
        _created.Add(body.RootElement.GetProperty("post").GetProperty("id").GetString()!);
    }

    /// <summary>Wall time, in milliseconds, of making the three variants with vipsthumbnail, one process each.</summary>
    private async Task<double> CliAsync(bool singleThread, CancellationToken ct)
    {
        var output = Path.Combine(Path.GetDirectoryName(images.Large)!, "cli-out");
        Directory.CreateDirectory(output);
        var watch = Stopwatch.StartNew();
        foreach (var edge in Edges)
        {
            var start = new ProcessStartInfo("vipsthumbnail") { UseShellExecute = false, RedirectStandardError = true };
            foreach (var argument in (string[])[images.Large, "--size", $"{edge}", "-o", Path.Combine(output, $"v{edge}.webp[Q={ServerEncoding.WebpQuality},effort={ServerEncoding.WebpEffort},strip]")])
            {
                start.ArgumentList.Add(argument);
            }

            if (singleThread)
            {
                start.Environment["VIPS_CONCURRENCY"] = "1";
            }

            using var process = Process.Start(start)!;
            var stderr = await process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"vipsthumbnail failed: {stderr}");
            }
        }

        return watch.Elapsed.TotalMilliseconds;
    }
}
