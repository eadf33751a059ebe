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
        return
        [
            new(check, t => MeasureAsync(check, (_, c) => GetAsync($"{ClawNet}/inbox/check", reader.Token, c), t)),
            new($"clawnet inbox ({InboxMessages} messages, framed)", t => MeasureAsync($"clawnet inbox ({InboxMessages} messages, framed)",
                (_, c) => GetAsync($"{ClawNet}/inbox?limit={InboxMessages}", reader.Token, c), t)),
        ];
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
