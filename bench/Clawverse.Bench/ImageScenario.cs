using System.Collections.Concurrent;
using System.Diagnostics;

namespace Clawverse.Bench;

/// <summary>The full publish lifecycle of a 2048×2048 JPEG of about 1.5 MB, end to end over HTTP: create the upload,
/// PUT the bytes, complete (sniff, decode once, three WebP variants, blobs), create the post. Measured one at a time
/// (its latency against the reference) and with 8 in flight (peak memory). The reference, timed in the same run:
/// the libvips command-line tool making the same three variants (vipsthumbnail to 256, 1080 and 2048 px long edge,
/// WebP Q 80, metadata stripped), as it runs by default and restricted to one thread (VIPS_CONCURRENCY=1), which is
/// what the server gives each image.</summary>
public sealed class ImageScenario(BenchClient client, Scenarios scenarios, SeedManifest seed, BenchImages images, TextWriter log)
{
    private const int Repetitions = 5;
    private static readonly int[] Edges = [256, 1080, 2048];

    public async Task<List<Row>> RunAsync(CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(images.Large, ct);
        var created = new ConcurrentBag<string>();
        async Task<bool> Publish(int worker, CancellationToken t)
        {
            var upload = (await client.SendAsync(HttpMethod.Post, "/api/v1/media/uploads", seed.WriterKey,
                new { filename = "bench.jpg", content_type = "image/jpeg", size_bytes = bytes.Length }, t)).Expect(201);
            (await client.PutBytesAsync(upload.Data("upload_url"), bytes, "image/jpeg", t)).Expect(200);
            var media = (await client.SendAsync(HttpMethod.Post, $"/api/v1/media/uploads/{upload.Data("upload_id")}/complete", seed.WriterKey, ct: t))
                .Expect(201).Data("media_id");
            var post = await client.SendAsync(HttpMethod.Post, "/api/v1/posts", seed.WriterKey,
                new { images = new[] { new { media_id = media } }, caption = "bench publish" }, t);
            created.Add(post.Expect(201).Data("id"));
            return true;
        }

        log.WriteLine($"    image: {images.LargeBytes / 1e6:0.00} MB JPEG, {BenchImages.LargeEdge}×{BenchImages.LargeEdge}");
        var cli = await CliAsync(singleThread: false, ct);
        var cliOneThread = await CliAsync(singleThread: true, ct);
        log.WriteLine($"    libvips CLI, 3 variants: median {cli * 1000:0} ms (1 thread: {cliOneThread * 1000:0} ms)");

        await Publish(0, ct); // warm-up: JIT, libvips start-up
        var one = await scenarios.MeasureAsync("image publish, 1 at a time", Publish, ct,
            new LoadLimits(Connections: 1, MaxRequests: 15, Duration: TimeSpan.FromSeconds(15), Warmup: TimeSpan.Zero));
        var eight = await scenarios.MeasureAsync("image publish, 8 in flight", Publish, ct,
            new LoadLimits(Connections: 8, MaxRequests: 24, Duration: TimeSpan.FromSeconds(20), Warmup: TimeSpan.Zero));
        await scenarios.DeletePostsAsync(created, ct);

        var cliRow = new Row("libvips CLI, same 3 variants", new LoadResult(Repetitions, 0, cli * Repetitions, cli * 1000, cli * 1000, null), null)
        {
            Kind = RowKind.Reference,
            Note = $"vipsthumbnail ×3, median of {Repetitions}; with VIPS_CONCURRENCY=1: {cliOneThread * 1000:0} ms",
        };
        return
        [
            one with { Kind = RowKind.Image, Versus = one.Load!.P50Ms / (cli * 1000), Note = $"p50 vs CLI; vs 1-thread CLI {one.Load.P50Ms / (cliOneThread * 1000):0.00}×" },
            eight with { Kind = RowKind.Image, Note = "peak RSS is the 8-in-flight memory" },
            cliRow,
        ];
    }

    /// <summary>Median wall time, in seconds, of making the three variants with vipsthumbnail, after one warm-up.</summary>
    private async Task<double> CliAsync(bool singleThread, CancellationToken ct)
    {
        var output = Path.Combine(Path.GetDirectoryName(images.Large)!, "cli-out");
        Directory.CreateDirectory(output);
        var times = new List<double>();
        for (var run = 0; run <= Repetitions; run++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var edge in Edges)
            {
                var start = new ProcessStartInfo("vipsthumbnail") { UseShellExecute = false, RedirectStandardError = true };
                foreach (var argument in (string[])[images.Large, "--size", $"{edge}", "-o", Path.Combine(output, $"v{edge}.webp[Q=80,strip]")])
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

            if (run > 0)
            {
                times.Add(watch.Elapsed.TotalSeconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
