using System.Diagnostics;
using Clawverse.Core.Agents;
using Clawverse.Core.Follows;
using Clawverse.Core.Posts;
using Clawverse.Storage;
using Clawverse.Storage.Records;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Bench;

/// <summary>Fills an empty database through the core's own write path: AgentService registers every agent,
/// AvatarService sets avatars, FollowService makes the reader's follows, PostService publishes every post, each
/// with its usual validation (names, avatar gate, media ownership, caption and hashtag rules). Media rows are
/// cloned from templates that went through the real pipeline (see SeedMedia); the rest of the follow graph,
/// likes and comments are bulk SQL (see BulkRelations). Everything is backdated over the last month through
/// <see cref="SeedTime"/>.</summary>
public sealed class Seeder(IServiceProvider services, SeedTime time, SeedScale scale, TextWriter log)
{
    public const string ReaderName = "bench_reader";
    public const string WriterName = "bench_writer";
    private const int PostMediaPerAgent = 2;

    private readonly Random _random = new(20261125);
    private readonly Dictionary<string, double> _steps = [];
    private readonly SeedMedia _media = ActivatorUtilities.CreateInstance<SeedMedia>(services);

    /// <summary>Operations in flight while seeding. SQLite has one writer at a time, and more only adds lock waits
    /// (measured); on PostgreSQL the round trips of several overlap.</summary>
    private readonly ParallelOptions _parallel = new()
    {
        MaxDegreeOfParallelism = services.GetRequiredService<Database>().IsSqlite ? 1 : 4,
    };

    public async Task<SeedManifest> RunAsync(IReadOnlyList<string> templateFiles, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var start = now - TimeSpan.FromDays(31);
        await services.GetRequiredService<Migrator>().MigrateAsync(ct);

        var (reader, readerKey) = await RegisterAsync(ReaderName, 0, start, ct);
        var (writer, writerKey) = await RegisterAsync(WriterName, 1, start, ct);
        await Step("templates", () =>
        {
            // Backdated too: the core's Clock never hands out an id older than its last one.
            time.Set(start);
            return _media.ProcessTemplatesAsync(writer.Id, templateFiles, ct);
        });
        reader = await WithAvatarAsync(reader, 0, start, ct);
        writer = await WithAvatarAsync(writer, 1, start, ct);

        var agents = new AgentRecord[scale.Agents];
        var postMedia = new Guid[scale.Agents][];
        await Step("agents", () => Parallel.ForAsync(0, scale.Agents, _parallel, async (i, token) =>
        {
            var at = start + TimeSpan.FromSeconds(10 + (i * 0.5));
            agents[i] = await WithAvatarAsync((await RegisterAsync(AgentName(i), i, at, token)).Agent, i, at, token);
            postMedia[i] = new Guid[PostMediaPerAgent];
            for (var m = 0; m < PostMediaPerAgent; m++)
            {
                postMedia[i][m] = await _media.CloneAsync(agents[i].Id, i + m + 1, at, token);
            }
        }));

        var bulk = new BulkRelations(services.GetRequiredService<Database>(), _random, now);
        await Step("follows", () => FollowAsync(reader, agents, bulk, start + TimeSpan.FromDays(1), ct));
        var posts = new SeededPost[scale.Posts];
        await Step("posts", () => PostAsync(agents, postMedia, posts, start + TimeSpan.FromDays(1), now - TimeSpan.FromMinutes(10), ct));

        var others = agents.Select(a => a.Id).ToList();
        await Step("likes", () => bulk.InsertLikesAsync(posts, others, scale.Likes, ct));
        List<Guid> commented = [];
        await Step("comments", async () => (_, commented) = await bulk.InsertCommentsAsync(posts, others, scale.Comments, ct));
        await Step("recount", () => bulk.RecountAsync(ct));
        await Step("analyze", () => AnalyzeAsync(ct));

        return new SeedManifest
        {
            Scale = scale,
            ReaderId = reader.Id,
            ReaderKey = readerKey,
            WriterId = writer.Id,
            WriterKey = writerKey,
            SamplePosts = Sample(posts.Select(p => p.Id).ToList(), 2000),
            CommentedPosts = Sample(commented, 2000),
            SampleAgents = Sample(agents.Select(a => a.Name).ToList(), 2000),
            SeededAt = now,
            Steps = _steps,
        };
    }

    public static string AgentName(int i) => $"agent_{i:D6}";

    private async Task<(AgentRecord Agent, string Key)> RegisterAsync(string name, int index, DateTimeOffset at, CancellationToken ct)
    {
        time.Set(at);
        var registration = Must(await services.GetRequiredService<AgentService>().RegisterAsync(
            new RegisterAgent(name, $"Seeded agent {index}: makes {SeedText.Words[index % SeedText.Words.Length]} pictures.", "127.0.0.1"), ct));
        return (registration.Agent, registration.ApiKey);
    }

    /// <summary>Sets an avatar (a clone of a template) through AvatarService, which checks ownership and readiness.</summary>
    private async Task<AgentRecord> WithAvatarAsync(AgentRecord agent, int index, DateTimeOffset at, CancellationToken ct)
    {
        time.Set(at);
        var avatar = await _media.CloneAsync(agent.Id, index, at, ct);
        return Must(await services.GetRequiredService<AvatarService>().SetAsync(agent, avatar.ToString(), ct));
    }

    /// <summary>The reader follows <see cref="SeedScale.ReaderFollows"/> agents through FollowService, one by one. The
    /// rest of the graph is random, with a preference for low-numbered (popular) agents, and bulk: 200k follows
    /// through the service take a minute per dataset, which the time budget of a run cannot spare.</summary>
    private async Task FollowAsync(AgentRecord reader, AgentRecord[] agents, BulkRelations bulk, DateTimeOffset at, CancellationToken ct)
    {
        var follows = services.GetRequiredService<FollowService>();
        time.Set(at);
        foreach (var followee in Enumerable.Range(0, agents.Length).OrderBy(_ => _random.Next()).Take(SeedScale.ReaderFollows))
        {
            Must(await follows.FollowAsync(reader, agents[followee].Name, ct));
        }

        var pairs = new HashSet<(int, int)>();
        var plan = new List<(AgentRecord Follower, AgentRecord Followee)>(scale.Follows);
        while (plan.Count < scale.Follows - SeedScale.ReaderFollows)
        {
            var follower = _random.Next(agents.Length);
            var followee = (int)(agents.Length * Math.Pow(_random.NextDouble(), 2));
            if (follower != followee && pairs.Add((follower, followee)))
            {
                plan.Add((agents[follower], agents[followee]));
            }
        }

        await bulk.InsertFollowsAsync(plan, at, ct);
    }

    /// <summary>Posts spread evenly over [from, to], authors skewed towards low numbers, each with one of the
    /// author's images, a caption and 0–3 hashtags, published through PostService.</summary>
    private async Task PostAsync(AgentRecord[] agents, Guid[][] media, SeededPost[] posts, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var step = (to - from) / posts.Length;
        var plan = new (int Author, CreatePost Request)[posts.Length];
        for (var i = 0; i < posts.Length; i++)
        {
            var author = (int)(agents.Length * Math.Pow(_random.NextDouble(), 1.5));
            var tags = Enumerable.Range(0, _random.Next(4)).Select(_ => SeedText.Tags[(int)(SeedText.Tags.Length * Math.Pow(_random.NextDouble(), 2))]).ToList();
            var words = Enumerable.Range(0, _random.Next(3, 13)).Select(_ => SeedText.Words[_random.Next(SeedText.Words.Length)]);
            plan[i] = (author, new CreatePost([media[author][i % PostMediaPerAgent].ToString()], string.Join(' ', words), tags, null, false, false));
        }

        var service = services.GetRequiredService<PostService>();
        await Parallel.ForAsync(0, posts.Length, _parallel, async (i, token) =>
        {
            var at = from + (step * i);
            time.Set(at);
            var view = Must(await service.CreateAsync(agents[plan[i].Author], plan[i].Request, PostLimits.Native, token));
            posts[i] = new SeededPost(view.Row.Post.Id, at);
        });
    }

    /// <summary>PostgreSQL: statistics for the planner now, as autovacuum would soon do. SQLite: a checkpoint, so the
    /// server does not start on a WAL the size of the dataset. (No ANALYZE on SQLite: a real install never runs it.)</summary>
    private async Task AnalyzeAsync(CancellationToken ct)
    {
        var database = services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = database.IsSqlite ? "PRAGMA wal_checkpoint(TRUNCATE)" : "ANALYZE";
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task Step(string name, Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        log.Write($"    {name}... ");
        await work();
        _steps[name] = Math.Round(watch.Elapsed.TotalSeconds, 1);
        log.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s");
    }

    private List<T> Sample<T>(List<T> items, int count) => items.OrderBy(_ => _random.Next()).Take(count).ToList();

    private static T Must<T>(Core.Errors.Result<T> result) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Seeding failed: {result.Error.Code} {result.Error.Message}");
}
