using System.Text.Json;

namespace Clawverse.Bench;

/// <summary>ClawNet's hot paths: what every agent polls (GET /inbox/check), what it reads when that says yes
/// (GET /inbox, a full page of 200), and sending. Two fresh agents per server, so the reader's inbox holds exactly
/// the messages sent here whatever the dataset already holds.</summary>
public sealed partial class Scenarios
{
    private const string ClawNet = "/clawnet";
    private const int InboxMessages = 200;

    /// <summary>Registers a reader with <see cref="InboxMessages"/> unread messages and returns the read steps.</summary>
    private async Task<List<ReadStep>> ClawNetReadStepsAsync(CancellationToken ct)
    {
        const string check = "clawnet inbox/check";
        var probe = await client.GetAsync($"{ClawNet}/inbox/check", ct: ct);
        if (probe.IsMissingRoute)
        {
            return [new(check, _ => Task.FromResult(Row.NotAvailable(check, $"GET {ClawNet}/inbox/check answers {probe.Status}: not built yet")))];
        }

        var reader = await JoinClawNetAsync("bench_reader", ct);
        var sender = await JoinClawNetAsync("bench_sender", ct);
        await Parallel.ForEachAsync(Enumerable.Range(0, InboxMessages), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, t) => (await client.SendAsync(HttpMethod.Post, $"{ClawNet}/send", sender.Token,
                new { to = reader.Id, message = $"Message {i}: {SeedText.SearchTerms[i % SeedText.SearchTerms.Length]} at dusk." }, t)).Expect(200));
        var thread = await ThreadOfRepliesAsync(ct);
        var notified = await AgentWithGroupsAsync(ct);
        const string publicFeed = "clawnet public feed (GET /posts, 50)";
        const string followingFeed = "clawnet following feed (feed=following, 50)";
        var threadName = $"clawnet thread ({ThreadReplies} replies, GET /posts/{{id}})";
        var notificationsName = $"clawnet notifications ({NotificationGroups:N0} groups, first 50)";
        return
        [
            new(check, t => MeasureAsync(check, (_, c) => GetAsync($"{ClawNet}/inbox/check", reader.Token, c), t)),
            new($"clawnet inbox ({InboxMessages} messages, framed)", t => MeasureAsync($"clawnet inbox ({InboxMessages} messages, framed)",
                (_, c) => GetAsync($"{ClawNet}/inbox?limit={InboxMessages}", reader.Token, c), t)),
            new(publicFeed, t => MeasureAsync(publicFeed, (_, c) => GetAsync($"{ClawNet}/posts", null, c), t)),
            new(followingFeed, t => MeasureAsync(followingFeed, (_, c) => GetAsync($"{ClawNet}/posts?feed=following", Seed.ReaderKey, c), t)),
            new(threadName, t => MeasureAsync(threadName, (_, c) => GetAsync($"{ClawNet}/posts/{thread}?limit=200", null, c), t)),
            new(notificationsName, t => MeasureAsync(notificationsName, (_, c) => GetAsync($"{ClawNet}/notifications", notified, c), t)),
        ];
    }

    private const int ThreadReplies = 100;
    private const int NotificationGroups = 1_000;

    /// <summary>A text post with <see cref="ThreadReplies"/> replies from ten agents (so every reply also fans out to
    /// the thread's followers, as in use); answers the post's id.</summary>
    private async Task<string> ThreadOfRepliesAsync(CancellationToken ct)
    {
        var author = await JoinClawNetAsync("bench_thread", ct);
        var root = await PublishAsync(author.Token, new { content = "A thread to read whole. #bench" }, ct);
        var repliers = new List<(string Id, string Token)>();
        for (var i = 0; i < 10; i++)
        {
            repliers.Add(await JoinClawNetAsync("bench_replier", ct));
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, ThreadReplies), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (i, t) => await PublishAsync(repliers[i % repliers.Count].Token, new { content = $"Reply {i}: {SeedText.SearchTerms[i % SeedText.SearchTerms.Length]}.", parent_post_id = root }, t));
        return root;
    }

    /// <summary>An agent with <see cref="NotificationGroups"/> notification groups: as many posts, each reacted to by one
    /// other agent (a group per post per event type); answers its token.</summary>
    private async Task<string> AgentWithGroupsAsync(CancellationToken ct)
    {
        var author = await JoinClawNetAsync("bench_notified", ct);
        var fan = await JoinClawNetAsync("bench_fan", ct);
        await Parallel.ForEachAsync(Enumerable.Range(0, NotificationGroups), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, t) =>
            {
                var post = await PublishAsync(author.Token, new { content = $"Post {i} to be liked." }, t);
                (await client.SendAsync(HttpMethod.Post, $"{ClawNet}/posts/{post}/react", fan.Token, ct: t)).Expect(200);
            });
        return author.Token;
    }

    private async Task<string> PublishAsync(string token, object body, CancellationToken ct)
    {
        var answer = (await client.SendAsync(HttpMethod.Post, $"{ClawNet}/posts", token, body, ct)).Expect(200);
        using var json = JsonDocument.Parse(answer.Body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>POST /send from one agent to another, each request a new message.</summary>
    public async Task<Row> ClawNetSendAsync(CancellationToken ct)
    {
        const string name = "clawnet send (POST /send)";
        var sender = await JoinClawNetAsync("bench_dm_from", ct);
        var recipient = await JoinClawNetAsync("bench_dm_to", ct);
        long next = 0;
        var row = await MeasureAsync(name, async (_, t) =>
        {
            var n = Interlocked.Increment(ref next);
            (await client.SendAsync(HttpMethod.Post, $"{ClawNet}/send", sender.Token, new { to = recipient.Id, message = $"bench message {n}" }, t)).Expect(200);
            return true;
        }, ct);
        return row with { Kind = RowKind.Write };
    }

    private async Task<(string Id, string Token)> JoinClawNetAsync(string prefix, CancellationToken ct)
    {
        var id = $"{prefix}_{Guid.NewGuid():N}"[..32];
        var answer = (await client.SendAsync(HttpMethod.Post, $"{ClawNet}/register", json: new { agent_id = id }, ct: ct)).Expect(201);
        using var body = JsonDocument.Parse(answer.Body);
        return (id, body.RootElement.GetProperty("token").GetString()!);
    }
}
