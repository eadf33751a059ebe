using System.Diagnostics;
using System.Net;
using Clawverse.Testing.Images;
using Xunit.Abstractions;

namespace Clawverse.Cluster.Tests;

/// <summary>What two nodes behind one URL must keep: one state, one budget, one job runner, and no harm beyond the
/// requests in flight when a node dies. Tests of a class run one at a time, so a test that kills a node starts it
/// again before the next one runs.</summary>
public sealed class ClusterTests(ClusterRig rig, ITestOutputHelper output) : IClassFixture<ClusterRig>
{
    private Node A => rig.Nodes[0];

    private Node B => rig.Nodes[1];

    [Fact]
    public async Task A_write_through_one_node_is_read_through_the_other_at_once_even_from_its_cache()
    {
        using var a = A.Client();
        using var b = B.Client();
        var author = await a.RegisterAsync();

        for (var round = 0; round < 5; round++)
        {
            // B serves the public feed from its one-second micro-cache...
            await b.ClawNetFeedIdsAsync();
            var id = await a.PostTextAsync(author.Key, $"Round {round} from node a.");
            // ...and the write through A has retired that page before A answered.
            (await b.ClawNetFeedIdsAsync()).ShouldContain(id);

            (await a.ApiPostAsync($"/clawnet/posts/{id}/react", bearer: author.Key)).Status.ShouldBe(HttpStatusCode.OK);
            var seen = await b.ApiGetAsync($"/clawnet/posts/{id}");
            seen.Body.GetProperty("post").GetProperty("reaction_count").GetInt32().ShouldBe(1, seen.Body.ToString());
        }

        (await a.ApiSendAsync(HttpMethod.Patch, "/api/v1/agents/me", new { bio = "Changed on node a." }, author.Key)).Status
            .ShouldBe(HttpStatusCode.OK);
        (await b.ApiGetAsync($"/api/v1/agents/{author.Name}")).Body.GetProperty("data").GetProperty("bio").GetString()
            .ShouldBe("Changed on node a.");
    }

    [Fact]
    public async Task A_rate_limit_of_n_allows_n_in_total_across_the_nodes()
    {
        using var a = A.Client();
        using var b = B.Client();
        var agent = await a.RegisterAsync();

        // The per-key budget, spent from both nodes at once, half the calls each.
        var calls = Enumerable.Range(0, ClusterRig.PerKeyLimit + 40)
            .Select(i => (i % 2 == 0 ? a : b).ApiGetAsync("/api/v1/agents/status", agent.Key));
        var answers = await Task.WhenAll(calls);

        answers.Count(answer => answer.Status == HttpStatusCode.OK).ShouldBe(ClusterRig.PerKeyLimit);
        var refused = answers.Where(answer => answer.Status == HttpStatusCode.TooManyRequests).ToList();
        refused.Count.ShouldBe(40);
        refused.ShouldAllBe(answer => answer.Body.GetProperty("code").GetString() == "rate_limited");
        refused[0].Response.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task An_idempotency_key_replays_on_the_other_node_and_conflicts_there_with_another_body()
    {
        using var a = A.Client();
        using var b = B.Client();
        var agent = await a.RegisterAsync();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "rig-" + Guid.NewGuid().ToString("N") };

        var first = await a.ApiPostAsync("/clawnet/posts", new { content = "Once only." }, agent.Key, key);
        var replay = await b.ApiPostAsync("/clawnet/posts", new { content = "Once only." }, agent.Key, key);
        var other = await b.ApiPostAsync("/clawnet/posts", new { content = "Something else." }, agent.Key, key);

        first.Status.ShouldBe(HttpStatusCode.OK, first.Body.ToString());
        replay.Body.GetProperty("id").GetString().ShouldBe(first.Body.GetProperty("id").GetString());
        other.Status.ShouldBe(HttpStatusCode.Conflict, other.Body.ToString());
        var mine = (await b.ApiGetAsync($"/clawnet/posts?agent_id={agent.Name}")).Body.GetProperty("posts");
        mine.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task An_upload_opened_on_one_node_takes_its_bytes_through_the_other_and_completes_on_the_first()
    {
        using var images = new TestImages();
        var bytes = await File.ReadAllBytesAsync(images.Make(320, 200, ".jpg"));
        using var a = A.Client();
        using var b = B.Client();
        var agent = await a.RegisterAsync();

        var upload = await a.ApiPostAsync("/api/v1/media/uploads", new { filename = "rig.jpg", content_type = "image/jpeg", size_bytes = bytes.Length }, agent.Key);
        upload.Status.ShouldBe(HttpStatusCode.Created, upload.Body.ToString());
        var data = upload.Body.GetProperty("data");
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("image/jpeg");
        (await b.PutAsync(new Uri(data.GetProperty("upload_url").GetString()!).PathAndQuery.TrimStart('/'), content)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var completed = await a.ApiPostAsync($"/api/v1/media/uploads/{data.GetProperty("upload_id").GetString()}/complete", bearer: agent.Key);
        completed.Status.ShouldBe(HttpStatusCode.Created, completed.Body.ToString());
        var full = new Uri(completed.Body.GetProperty("data").GetProperty("variants").GetProperty("full").GetProperty("url").GetString()!).PathAndQuery;
        (await b.ApiGetAsync(full)).Response.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
    }

    [Fact]
    public async Task One_node_runs_the_jobs_and_the_survivor_takes_them_over_when_it_dies()
    {
        var leaders = await LeadersAsync();
        leaders.Count.ShouldBe(1, "exactly one node leads");
        var leader = leaders[0];
        var follower = rig.Nodes.Single(node => node != leader);
        // The leader's first pass logs when it ends, which may be just after /readyz shows it leading.
        var watch = Stopwatch.StartNew();
        while (HousekeepingRuns(leader) == 0 && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }

        HousekeepingRuns(leader).ShouldBe(1, leader.Process!.Output());
        HousekeepingRuns(follower).ShouldBe(0, follower.Process!.Output());

        leader.Process!.Kill();
        try
        {
            await TakesOverAsync(follower);
        }
        finally
        {
            await rig.StartAsync(leader);
        }

        (await rig.IsLeaderAsync(leader)).ShouldBe(false, "the node that came back follows");
        HousekeepingRuns(leader).ShouldBe(0);
    }

    private async Task TakesOverAsync(Node follower)
    {
        var watch = Stopwatch.StartNew();
        while (await rig.IsLeaderAsync(follower) != true && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }

        (await rig.IsLeaderAsync(follower)).ShouldBe(true, follower.Process!.Output());
        while (HousekeepingRuns(follower) == 0 && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }

        HousekeepingRuns(follower).ShouldBe(1, follower.Process!.Output());
    }

    [Fact]
    public async Task Killing_a_node_under_load_costs_only_the_writes_in_flight_on_it_and_the_survivor_serves_everything()
    {
        using var balanced = new HttpClient { BaseAddress = rig.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var writer = await balanced.RegisterAsync();
        var seed = await balanced.PostTextAsync(writer.Key, "Read me under load.");
        var reads = 0;
        var readFailures = new List<string>();
        var writes = 0;
        var writeFailures = 0;
        var failuresAfterKill = new List<string>();
        TimeSpan? killedAt = null;
        var watch = Stopwatch.StartNew();
        var victim = B;

        async Task LoopAsync(bool writes_)
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(8))
            {
                var startedAfterKill = killedAt is { } kill && watch.Elapsed > kill + TimeSpan.FromSeconds(1);
                try
                {
                    // The writes are registrations: a key's budget would run out long before the load ends.
                    var answer = writes_
                        ? await balanced.ApiPostAsync("/api/v1/agents/register", new { name = "load_" + Guid.NewGuid().ToString("N")[..16], description = "Load." })
                        : await balanced.ApiGetAsync($"/clawnet/posts/{seed}");
                    var ok = answer.Status == (writes_ ? HttpStatusCode.Created : HttpStatusCode.OK);
                    lock (readFailures)
                    {
                        if (writes_) { writes++; if (!ok) { writeFailures++; } }
                        else { reads++; if (!ok) { readFailures.Add($"{(int)answer.Status} {answer.Body}"); } }
                        if (!ok && startedAfterKill) { failuresAfterKill.Add($"{(int)answer.Status} {answer.Body}"); }
                    }
                }
                catch (HttpRequestException e)
                {
                    lock (readFailures)
                    {
                        (writes_ ? failuresAfterKill : readFailures).Add(e.Message);
                    }
                }
            }
        }

        var load = Enumerable.Range(0, 8).Select(i => Task.Run(() => LoopAsync(writes_: i < 2))).ToList();
        await Task.Delay(TimeSpan.FromSeconds(3));
        killedAt = watch.Elapsed;
        victim.Process!.Kill();
        try
        {
            await Task.WhenAll(load);
        }
        finally
        {
            await rig.StartAsync(victim);
        }

        output.WriteLine($"{reads} reads ({readFailures.Count} failed), {writes} writes ({writeFailures} failed); node {victim.Name} killed {killedAt?.TotalSeconds:0.0} s in");
        readFailures.ShouldBeEmpty("nginx retries a read on the survivor");
        failuresAfterKill.ShouldBeEmpty("once the node is gone the survivor answers everything");
        // A write in flight on the victim when it died is lost (nginx does not resend a POST): at most one per writer.
        writeFailures.ShouldBeLessThanOrEqualTo(2);
        reads.ShouldBeGreaterThan(100);
        writes.ShouldBeGreaterThan(20);
    }

    private async Task<List<Node>> LeadersAsync()
    {
        // Leadership is taken within one attempt interval of start.
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var states = await Task.WhenAll(rig.Nodes.Select(rig.IsLeaderAsync));
            var leaders = rig.Nodes.Where((_, i) => states[i] == true).ToList();
            if (leaders.Count == 1 || watch.Elapsed > TimeSpan.FromSeconds(15))
            {
                return leaders;
            }

            await Task.Delay(200);
        }
    }

    private static int HousekeepingRuns(Node node) => node.Process!.Lines.Count(line => line.Contains("\"Housekeeping: ", StringComparison.Ordinal));
}
