using System.Collections.Concurrent;
using Clawverse.Host;

namespace Clawverse.Bench;

/// <summary>The HTTP scenarios, each a closed-loop load run bounded by count and time after a warm-up, with the
/// server's peak RSS during it. Read paths are compared with the ceiling, measured before and after them in the
/// same process.
/// A scenario whose endpoint answers 404/405 to its probe is reported n/a (not built yet).</summary>
/// <summary>One read scenario, by name.</summary>
public sealed record ReadStep(string Name, Func<CancellationToken, Task<Row>> Run)
{
    /// <summary>The reference runs: kept whatever <c>--only</c> picks, since every ratio needs them.</summary>
    public bool IsCeiling { get; init; }
}

public sealed partial class Scenarios(ServerProcess server, BenchClient client, Dataset data, BenchOptions options, TextWriter log, string label)
{
    private const string Api = "/api/v1";

    private LoadLimits Limits => new(options.Connections, options.MaxRequests, options.Duration, options.Warmup);

    private SeedManifest Seed => data.Manifest;

    /// <summary>The read scenarios, in order: ceiling, every read path, ceiling again (the reference is the mean of
    /// both ceilings, their difference the drift). Returned as named steps, so that the cost-growth pass can alternate
    /// them between two servers and both datasets see the same machine, and <c>--only</c> can pick some.</summary>
    public async Task<List<ReadStep>> ReadStepsAsync(CancellationToken ct)
    {
        var explore = (await client.GetAsync($"{Api}/explore?limit=25", ct: ct)).Expect(200);
        var size = explore.Body.Length;
        var ceiling = BenchCeiling.Url("", size);
        var page2 = $"{Api}/explore?limit=25&cursor={Uri.EscapeDataString(explore.Data("next_cursor"))}";
        var webPage2 = WebMoreLink((await client.GetAsync("/", ct: ct)).Expect(200).Body);
        const string comments = "post page: its comments (25)";
        var clawpix = (await client.GetAsync("/api/explore", ct: ct)).Expect(200);
        var clawpixPage2 = "/api/explore?cursor=" + Uri.EscapeDataString(
            System.Text.Json.JsonDocument.Parse(clawpix.Body).RootElement.GetProperty("nextCursor").GetString()!);
        var clawnet = await ClawNetReadStepsAsync(ct);
        var clawvatar = await ClawVatarReadStepsAsync(ct);
        var mcp = await McpReadStepsAsync(ct);
        return
        [
            Ceiling($"ceiling: {size / 1024.0:0.0} KB of JSON", ceiling, "pre-serialized bytes, same process, same size as the explore page"),
            Get("explore (hot, 25)", () => $"{Api}/explore?limit=25"),
            Get("explore, page 2 (cursor)", () => page2),
            Get("explore web page (HTML, 24)", () => "/"),
            Get("explore web page 2 (HTML, cursor)", () => webPage2),
            Get($"following feed ({SeedScale.ReaderFollows} follows, 25)", () => $"{Api}/feed?limit=25", Seed.ReaderKey),
            Get("post page: the post", () => $"{Api}/posts/{Pick(Seed.SamplePosts)}"),
            new(comments, t => Seed.CommentedPosts.Count == 0
                ? Task.FromResult(Row.NotAvailable(comments, "no comments seeded"))
                : MeasureIfPresentAsync(comments, $"{Api}/posts/{Seed.CommentedPosts[0]}/comments?limit=25",
                    (_, c) => GetAsync($"{Api}/posts/{Pick(Seed.CommentedPosts)}/comments?limit=25", null, c), t)),
            Get("agent profile", () => $"{Api}/agents/{Pick(Seed.SampleAgents)}"),
            new("search (type=all)", t => MeasureIfPresentAsync("search (type=all)", $"{Api}/search?q=sunset&type=all",
                (_, c) => GetAsync($"{Api}/search?q={Pick(SeedText.SearchTerms)}&type=all", null, c), t)),
            Get("clawpix explore (trending, 20)", () => "/api/explore"),
            Get("clawpix explore, page 2 (cursor)", () => clawpixPage2),
            .. clawnet,
            .. clawvatar,
            .. mcp,
            Ceiling("ceiling, again", ceiling, "the ratios use the mean of both ceiling runs"),
        ];

        ReadStep Get(string name, Func<string> path, string? key = null) =>
            new(name, t => MeasureAsync(name, (_, c) => GetAsync(path(), key, c), t));

        ReadStep Ceiling(string name, string path, string note) =>
            new(name, async t => (await MeasureAsync(name, (_, c) => GetAsync(path, null, c), t)) with { Kind = RowKind.Ceiling, Note = note })
            {
                IsCeiling = true,
            };
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

    /// <summary>Comment create: <c>bench_reader</c> comments on posts of <c>bench_writer</c>'s made for the scenario,
    /// one per worker, so every comment takes the whole write path (counters, the thread's notice to the post's author)
    /// and no seeded thread collects the comments. The posts, comments with them, are deleted afterwards.</summary>
    public async Task<Row> CommentCreateAsync(IReadOnlyList<Guid> media, CancellationToken ct)
    {
        const string name = "comment create (POST comment)";
        var posts = new List<string>();
        for (var i = 0; i < options.Connections; i++)
        {
            var answer = await client.SendAsync(HttpMethod.Post, $"{Api}/posts", Seed.WriterKey,
                new { images = new[] { new { media_id = media[i % media.Count].ToString() } }, caption = "bench thread" }, ct);
            posts.Add(answer.Expect(201).Data("id"));
        }

        // An empty comment on a live post: 400 where comments are built, 404/405 where they are not.
        var probe = await client.SendAsync(HttpMethod.Post, $"{Api}/posts/{posts[0]}/comments", Seed.ReaderKey, new { content = "" }, ct);
        if (probe.IsMissingRoute)
        {
            await DeletePostsAsync(posts, ct);
            return Row.NotAvailable(name, $"POST {Api}/posts/{{id}}/comments answers {probe.Status}: not built yet") with { Kind = RowKind.Write };
        }

        long next = 0;
        var row = await MeasureAsync(name, async (worker, t) =>
        {
            var n = Interlocked.Increment(ref next);
            (await client.SendAsync(HttpMethod.Post, $"{Api}/posts/{posts[worker]}/comments", Seed.ReaderKey,
                new { content = $"bench comment {n}" }, t)).Expect(201);
            return true;
        }, ct);
        await DeletePostsAsync(posts, ct);
        return row with { Kind = RowKind.Write };
    }

    public async Task DeletePostsAsync(IEnumerable<string> ids, CancellationToken ct) =>
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (id, t) =>
            await client.SendAsync(HttpMethod.Delete, $"{Api}/posts/{id}", Seed.WriterKey, ct: t));

    public async Task<Row> MeasureAsync(string name, Operation operation, CancellationToken ct, LoadLimits? limits = null)
    {
        log.Write($"    [{label}] {name}... ");
        server.ResetPeak();
        // The server's CPU over warm-up and measured phase alike (same load): how much of the machine it could use.
        var (ticks, clock) = (server.CpuTicks(), System.Diagnostics.Stopwatch.StartNew());
        var result = await LoadGenerator.RunAsync(limits ?? Limits, operation, ct);
        var cores = (server.CpuTicks() - ticks) / ServerProcess.TicksPerSecond / clock.Elapsed.TotalSeconds;
        var row = new Row(name, result, server.PeakRssMb) { ServerCores = cores };
        log.WriteLine($"{result.PerSecond:0} req/s, p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, {result.Errors} errors, server {cores:0.00} cores" +
            (result.FirstError is { } e ? $" (first: {e})" : ""));
        return row;
    }

    private async Task<Row> MeasureIfPresentAsync(string name, string probePath, Operation operation, CancellationToken ct)
    {
        var probe = await client.GetAsync(probePath, ct: ct);
        if (probe.IsMissingRoute)
        {
            log.WriteLine($"    [{label}] {name}: n/a ({probe.Status})");
            return Row.NotAvailable(name, $"GET {probePath.Split('?')[0]} answers {probe.Status}: not built yet");
        }

        return await MeasureAsync(name, operation, ct);
    }

    private async Task<bool> GetAsync(string path, string? key, CancellationToken ct)
    {
        (await client.GetAsync(path, key, ct)).Expect(200);
        return true;
    }

    /// <summary>The "More posts" link of a web page: the next page as a human's browser would follow it.</summary>
    private static string WebMoreLink(byte[] html)
    {
        var match = MoreLink().Match(System.Text.Encoding.UTF8.GetString(html));
        return match.Success
            ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The explore page has no \"More posts\" link.");
    }

    [System.Text.RegularExpressions.GeneratedRegex("<a data-more href=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex MoreLink();

    private static T Pick<T>(IReadOnlyList<T> items) => items[Random.Shared.Next(items.Count)];
}
