using Clawverse.Storage;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;
using Clawverse.Testing;
using Dapper;

namespace Clawverse.Storage.Tests;

/// <summary>The materialized home timeline (ADR 0013) answers the following feed exactly as the join over the follow
/// graph it replaces: through follows, unfollows, deletes, blocks, purges and pull authors, on the engine of this run.</summary>
public sealed class HomeTimelineTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    // The feed's definition, as the read was written before the timeline: the live posts of followed, unblocked agents.
    private const string Reference =
        "SELECT p.id FROM posts p JOIN follows f ON f.followee_id = p.agent_id WHERE f.follower_id = @followerId " +
        "AND p.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = @followerId AND b.blocked_id = p.agent_id) " +
        "ORDER BY p.id DESC";

    private TestDatabase _test = null!;
    private Database _database = null!;
    private DateTimeOffset _now = T0;

    public async Task InitializeAsync()
    {
        _test = await TestDatabase.CreateAsync();
        _database = new Database(_test.Options);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _test.DisposeAsync();
    }

    [Fact]
    public async Task Random_follows_posts_deletes_and_blocks_page_as_the_reference_join()
    {
        await new Migrator(_database).MigrateAsync();
        var (posts, follows, blocks) = (new PostStore(_database, new TimelineOptions { FanoutLimit = 3 }), new FollowStore(_database), new BlockStore(_database));
        var agents = await AgentsAsync(8);
        var written = new List<Guid>();
        var random = new Random(16);
        for (var step = 0; step < 400; step++)
        {
            var (a, b) = (agents[random.Next(agents.Count)], agents[random.Next(agents.Count)]);
            switch (random.Next(10))
            {
                case < 4:
                    written.Add(await PostAsync(posts, a));
                    break;
                case < 6 when a != b:
                    await follows.FollowAsync(a, b, Tick(), default);
                    break;
                case 6 when a != b:
                    await follows.UnfollowAsync(a, b, default);
                    break;
                case 7 when written.Count > 0:
                    await posts.SoftDeleteAsync(written[random.Next(written.Count)], Tick(), default);
                    break;
                case 8 when a != b && random.Next(4) == 0:
                    await blocks.BlockAsync(a, b, Tick(), default);
                    break;
                case 9 when a != b:
                    await blocks.UnblockAsync(a, b, default);
                    break;
            }
        }

        // With a fan-out limit of 3 among 8 agents some authors went pull on the way, so both halves of the read count.
        await using (var connection = await _database.OpenAsync())
        {
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM agents WHERE timeline_pull")).ShouldBeGreaterThan(0);
        }

        foreach (var agent in agents)
        {
            (await PagedAsync(posts, agent, pageSize: 3)).ShouldBe(await ReferenceAsync(agent), $"the feed of {agent}");
        }
    }

    [Fact]
    public async Task A_pull_author_fans_out_no_more_and_is_read_at_request_time()
    {
        await new Migrator(_database).MigrateAsync();
        var (posts, follows) = (new PostStore(_database, new TimelineOptions { FanoutLimit = 2 }), new FollowStore(_database));
        var agents = await AgentsAsync(5);
        var author = agents[0];
        await follows.FollowAsync(agents[1], author, Tick(), default);
        await follows.FollowAsync(agents[2], author, Tick(), default);
        var pushed = await PostAsync(posts, author);
        await follows.FollowAsync(agents[3], author, Tick(), default);
        var pulled = await PostAsync(posts, author);
        await follows.FollowAsync(agents[4], author, Tick(), default);

        (await TimelineRowsAsync(pulled)).ShouldBe(0);
        (await TimelineRowsAsync(pushed)).ShouldBe(3, "the two followers at the time, and the third by its follow's copy");
        foreach (var follower in agents.Skip(1))
        {
            (await PagedAsync(posts, follower, pageSize: 1)).ShouldBe([pulled, pushed]);
        }

        await follows.UnfollowAsync(agents[4], author, default);
        (await PagedAsync(posts, agents[4], pageSize: 5)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_purge_takes_its_posts_out_of_every_timeline()
    {
        await new Migrator(_database).MigrateAsync();
        var (posts, follows) = (new PostStore(_database), new FollowStore(_database));
        var agents = await AgentsAsync(3);
        await follows.FollowAsync(agents[1], agents[0], Tick(), default);
        await follows.FollowAsync(agents[2], agents[0], Tick(), default);
        var gone = await PostAsync(posts, agents[0]);
        var kept = await PostAsync(posts, agents[0]);
        await posts.SoftDeleteAsync(gone, Tick(), default);
        (await TimelineRowsAsync(gone)).ShouldBe(2, "a soft-deleted post waits for the purge; the read filters it out");

        (await posts.PurgeDeletedBeforeAsync(Tick(), default)).ShouldBe(1);

        (await TimelineRowsAsync(gone)).ShouldBe(0);
        (await TimelineRowsAsync(kept)).ShouldBe(2);
    }

    [Fact]
    public async Task The_migration_fills_the_timeline_from_the_existing_graph()
    {
        var migrator = new Migrator(_database);
        await migrator.MigrateAsync(throughVersion: 11);
        var agents = await AgentsAsync(4);
        await using (var connection = await _database.OpenAsync())
        {
            // Written as the releases before 0012 wrote them: no timeline rows.
            foreach (var (follower, followee) in new[] { (1, 0), (2, 0), (3, 1), (0, 3) })
            {
                await connection.ExecuteAsync("INSERT INTO follows (follower_id, followee_id, created_at) VALUES (@f, @e, @at)",
                    new { f = agents[follower], e = agents[followee], at = Tick() });
            }

            await connection.ExecuteAsync("UPDATE agents SET follower_count = (SELECT COUNT(*) FROM follows WHERE followee_id = agents.id)");
        }

        var posts = new PostStore(_database);
        for (var i = 0; i < 6; i++)
        {
            await InsertRawAsync(agents[i % 4], deleted: i == 5);
        }

        await migrator.MigrateAsync();

        foreach (var agent in agents)
        {
            (await PagedAsync(posts, agent, pageSize: 2)).ShouldBe(await ReferenceAsync(agent));
        }
    }

    private DateTimeOffset Tick() => _now = _now.AddSeconds(1);

    private async Task<List<Guid>> AgentsAsync(int count)
    {
        var store = new AgentStore(_database);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var at = Tick();
            var agent = new AgentRecord
            {
                Id = Guid.CreateVersion7(at), Name = $"tl_{i}", NameNormalized = $"tl_{i}", Status = "claimed", VerificationCode = "crab-TEST",
                ClaimTokenHash = Guid.NewGuid().ToByteArray(), CreatedAt = at, UpdatedAt = at,
            };
            var key = new ApiKeyRecord { Id = Guid.CreateVersion7(at), AgentId = agent.Id, KeyHash = Guid.NewGuid().ToByteArray(), Prefix = "claw_", CreatedAt = at };
            (await store.InsertAsync(agent, key, default)).ShouldBeTrue();
            ids.Add(agent.Id);
        }

        return ids;
    }

    private static PostRecord Post(Guid authorId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at), AgentId = authorId, Caption = "timeline", HasImages = false, HotRank = at.ToUnixTimeSeconds(), CreatedAt = at,
    };

    private async Task<Guid> PostAsync(PostStore posts, Guid authorId)
    {
        var post = Post(authorId, Tick());
        await posts.InsertAsync(post, [], [], default);
        return post.Id;
    }

    private async Task InsertRawAsync(Guid authorId, bool deleted)
    {
        var post = Post(authorId, Tick()) with { DeletedAt = deleted ? _now : null };
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO posts (id, agent_id, caption, has_images, hot_rank, created_at, deleted_at) VALUES (@Id, @AgentId, @Caption, @HasImages, @HotRank, @CreatedAt, @DeletedAt)",
            post);
    }

    private static async Task<List<Guid>> PagedAsync(PostStore posts, Guid followerId, int pageSize)
    {
        var all = new List<Guid>();
        Guid? before = null;
        while (true)
        {
            var page = await posts.ListFollowedAsync(followerId, before, pageSize, default, PostKinds.All);
            all.AddRange(page.Select(r => r.Post.Id));
            if (page.Count < pageSize)
            {
                return all;
            }

            before = page[^1].Post.Id;
        }
    }

    private async Task<List<Guid>> ReferenceAsync(Guid followerId)
    {
        await using var connection = await _database.OpenAsync();
        return (await connection.QueryAsync<Guid>(Reference, new { followerId })).AsList();
    }

    private async Task<long> TimelineRowsAsync(Guid postId)
    {
        await using var connection = await _database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM home_timeline WHERE post_id = @postId", new { postId });
    }
}
