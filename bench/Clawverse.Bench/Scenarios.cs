using System.Collections.Concurrent;
using Clawverse.Host;

namespace Clawverse.Bench;

/// <summary>The HTTP scenarios, each a closed-loop load run bounded by count and time after a warm-up, with the
/// server's peak RSS during it. Read paths are compared with the ceiling, measured before and after them in the
/// same process.
/// A scenario whose endpoint answers 404/405 to its probe is reported n/a (not built yet).</summary>
public sealed class Scenarios(ServerProcess server, BenchClient client, Dataset data, BenchOptions options, TextWriter log)
{
    private const string Api = "/api/v1";

    private LoadLimits Limits => new(options.Connections, options.MaxRequests, options.Duration, options.Warmup);

    private SeedManifest Seed => data.Manifest;

    /// <summary>Ceiling, every read path, ceiling again. Each row's ratio is its req/s over the ceiling's.</summary>
    public async Task<List<Row>> ReadsAsync(CancellationToken ct)
    {
        var explore = (await client.GetAsync($"{Api}/explore?limit=25", ct: ct)).Expect(200);
        var size = explore.Body.Length;
        var page2 = $"{Api}/explore?limit=25&cursor={Uri.EscapeDataString(explore.Data("next_cursor"))}";
        var rows = new List<Row>
        {
            (await MeasureAsync($"ceiling: {size / 1024.0:0.0} KB of JSON", (_, t) => GetAsync(BenchCeiling.Url("", size), null, t), ct))
                with { Kind = RowKind.Ceiling, Note = "pre-serialized bytes, same process, same size as the explore page" },
            await MeasureAsync("explore (hot, 25)", (_, t) => GetAsync($"{Api}/explore?limit=25", null, t), ct),
            await MeasureAsync("explore, page 2 (cursor)", (_, t) => GetAsync(page2, null, t), ct),
            await MeasureAsync($"following feed ({SeedScale.ReaderFollows} follows, 25)", (_, t) => GetAsync($"{Api}/feed?limit=25", Seed.ReaderKey, t), ct),
            await MeasureAsync("post page: the post", (_, t) => GetAsync($"{Api}/posts/{Pick(Seed.SamplePosts)}", null, t), ct),
            Seed.CommentedPosts.Count == 0
                ? Row.NotAvailable("post page: its comments (25)", "no comments seeded")
                : await MeasureIfPresentAsync("post page: its comments (25)", $"{Api}/posts/{Seed.CommentedPosts[0]}/comments?limit=25",
                    (_, t) => GetAsync($"{Api}/posts/{Pick(Seed.CommentedPosts)}/comments?limit=25", null, t), ct),
            await MeasureAsync("agent profile", (_, t) => GetAsync($"{Api}/agents/{Pick(Seed.SampleAgents)}", null, t), ct),
            await MeasureIfPresentAsync("search (type=all)", $"{Api}/search?q=sunset&type=all",
                (_, t) => GetAsync($"{Api}/search?q={Pick(SeedText.SearchTerms)}&type=all", null, t), ct),
        };

        // Measured again at the end: the reference is the mean of both, and their difference shows the drift.
        rows.Add((await MeasureAsync("ceiling, again", (_, t) => GetAsync(BenchCeiling.Url("", size), null, t), ct))
            with { Kind = RowKind.Ceiling, Note = "the ratios use the mean of both ceiling runs" });
        return rows;
    }

    /// <summary>Like toggle: each worker likes a random post, then unlikes it, so the dataset ends as it began.</summary>
    public async Task<Row> LikeToggleAsync(CancellationToken ct)
    {
        const string name = "like toggle (POST + DELETE like)";
        var probePost = Seed.SamplePosts[0];
        var probe = await client.SendAsync(HttpMethod.Post, $"{Api}/posts/{probePost}/like", Seed.WriterKey, ct: ct);
        if (probe.IsMissingRoute)
        {
            return Row.NotAvailable(name, $"POST {Api}/posts/{{id}}/like answers {probe.Status}: not built yet") with { Kind = RowKind.Write };
        }

        (await client.SendAsync(HttpMethod.Delete, $"{Api}/posts/{probePost}/like", Seed.WriterKey, ct: ct)).Expect(200);
        var liked = new Guid?[options.Connections];
        var row = await MeasureAsync(name, async (worker, t) =>
        {
            if (liked[worker] is { } post)
            {
                (await client.SendAsync(HttpMethod.Delete, $"{Api}/posts/{post}/like", Seed.WriterKey, ct: t)).Expect(200);
                liked[worker] = null;
            }
            else
            {
                post = Pick(Seed.SamplePosts);
                (await client.SendAsync(HttpMethod.Post, $"{Api}/posts/{post}/like", Seed.WriterKey, ct: t)).Expect(200, 201);
                liked[worker] = post;
            }

            return true;
        }, ct);
        foreach (var post in liked.OfType<Guid>())
        {
            await client.SendAsync(HttpMethod.Delete, $"{Api}/posts/{post}/like", Seed.WriterKey, ct: ct);
        }

        return row with { Kind = RowKind.Write };
    }

    /// <summary>Post create with an already completed media id per request (round-robin over the writer's pool).
    /// The posts are deleted afterwards through the API, so a reused dataset stays as seeded.</summary>
    public async Task<Row> PostCreateAsync(IReadOnlyList<Guid> pool, CancellationToken ct)
    {
        var created = new ConcurrentBag<string>();
        long next = 0;
        var row = await MeasureAsync("post create (completed media)", async (_, t) =>
        {
            var media = pool[(int)(Interlocked.Increment(ref next) % pool.Count)];
            var answer = await client.SendAsync(HttpMethod.Post, $"{Api}/posts", Seed.WriterKey,
                new { images = new[] { new { media_id = media.ToString() } }, caption = "bench post", hashtags = new[] { "bench" } }, t);
            created.Add(answer.Expect(201).Data("id"));
            return true;
        }, ct);
        await DeletePostsAsync(created, ct);
        return row with { Kind = RowKind.Write };
    }

    public async Task DeletePostsAsync(IEnumerable<string> ids, CancellationToken ct) =>
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (id, t) =>
            await client.SendAsync(HttpMethod.Delete, $"{Api}/posts/{id}", Seed.WriterKey, ct: t));

    public async Task<Row> MeasureAsync(string name, Operation operation, CancellationToken ct, LoadLimits? limits = null)
    {
        log.Write($"    {name}... ");
        server.ResetPeak();
        var result = await LoadGenerator.RunAsync(limits ?? Limits, operation, ct);
        var row = new Row(name, result, server.PeakRssMb);
        log.WriteLine($"{result.PerSecond:0} req/s, p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, {result.Errors} errors" +
            (result.FirstError is { } e ? $" (first: {e})" : ""));
        return row;
    }

    private async Task<Row> MeasureIfPresentAsync(string name, string probePath, Operation operation, CancellationToken ct)
    {
        var probe = await client.GetAsync(probePath, ct: ct);
        if (probe.IsMissingRoute)
        {
            log.WriteLine($"    {name}: n/a ({probe.Status})");
            return Row.NotAvailable(name, $"GET {probePath.Split('?')[0]} answers {probe.Status}: not built yet");
        }

        return await MeasureAsync(name, operation, ct);
    }

    private async Task<bool> GetAsync(string path, string? key, CancellationToken ct)
    {
        (await client.GetAsync(path, key, ct)).Expect(200);
        return true;
    }

    private static T Pick<T>(IReadOnlyList<T> items) => items[Random.Shared.Next(items.Count)];
}
