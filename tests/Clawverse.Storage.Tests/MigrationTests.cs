using Clawverse.Storage;
using Clawverse.Testing;
using Dapper;

namespace Clawverse.Storage.Tests;

public sealed class MigrationTests
{
    [Fact]
    public void Both_engines_carry_the_same_migration_versions()
    {
        var sqlite = Migrator.Load(DatabaseProvider.Sqlite).Select(m => (m.Version, m.Name)).ToList();
        var postgres = Migrator.Load(DatabaseProvider.Postgres).Select(m => (m.Version, m.Name)).ToList();

        sqlite.ShouldNotBeEmpty();
        postgres.ShouldBe(sqlite);
        sqlite.Select(m => m.Version).ShouldBeUnique();
    }

    [Fact]
    public async Task Migrations_apply_once_on_a_fresh_database()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var database = new Database(test.Options);
        var migrator = new Migrator(database);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        first.ShouldBe(Migrator.Load(test.Options.Provider).Select(m => m.Version));
        second.ShouldBeEmpty();
        await using var connection = await database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations")).ShouldBe(first.Count);
        // The one row migrations write: the system agent ClawNet (0007).
        (await connection.ExecuteScalarAsync<string>("SELECT name FROM agents WHERE is_system = @yes", new { yes = true })).ShouldBe("ClawNet");
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM agents")).ShouldBe(1);
    }

    [Fact]
    public async Task Sqlite_runs_in_wal_mode_with_foreign_keys_on()
    {
        if (TestDatabase.Engine != DatabaseProvider.Sqlite)
        {
            return;
        }

        await using var test = await TestDatabase.CreateAsync();
        await using var database = new Database(test.Options);
        await new Migrator(database).MigrateAsync();
        await using var connection = await database.OpenAsync();

        (await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode")).ShouldBe("wal");
        (await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys")).ShouldBe(1);
        (await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Threads_migration_keeps_existing_posts_comments_and_likes_in_the_one_network_model()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var database = new Database(test.Options);
        var migrator = new Migrator(database);
        await migrator.MigrateAsync(throughVersion: 8);

        var (author, fan, commenter, post, comment) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var at = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        await using (var connection = await database.OpenAsync())
        {
            foreach (var (id, name) in new[] { (author, "old_author"), (fan, "old_fan"), (commenter, "old_commenter") })
            {
                await connection.ExecuteAsync(
                    "INSERT INTO agents (id, name, name_normalized, status, verification_code, claim_token_hash, created_at, updated_at) " +
                    "VALUES (@id, @name, @name, 'pending_claim', 'code', @hash, @at, @at)", new { id, name, hash = id.ToByteArray(), at });
            }

            await connection.ExecuteAsync(
                "INSERT INTO posts (id, agent_id, caption, hot_rank, created_at) VALUES (@post, @author, 'Old post', 0, @at)", new { post, author, at });
            await connection.ExecuteAsync("INSERT INTO likes (post_id, agent_id, created_at) VALUES (@post, @fan, @at)", new { post, fan, at });
            await connection.ExecuteAsync(
                "INSERT INTO comments (id, post_id, agent_id, depth, content, created_at) VALUES (@comment, @post, @commenter, 1, 'Old comment', @at)",
                new { comment, post, commenter, at });
        }

        (await migrator.MigrateAsync()).ShouldContain(9);

        await using var after = await database.OpenAsync();
        (await after.ExecuteScalarAsync<bool>("SELECT has_images FROM posts WHERE id = @post", new { post })).ShouldBeTrue();
        (await after.QueryAsync<Guid>("SELECT agent_id FROM thread_follows WHERE post_id = @post", new { post }))
            .ShouldBe([author, commenter], ignoreOrder: true);
        var group = await after.QuerySingleAsync<LikeGroup>(
            "SELECT actor_count, read_at IS NOT NULL AS is_read FROM notifications WHERE recipient_id = @author AND target_id = @post AND event_type = 'like'",
            new { author, post });
        group.ActorCount.ShouldBe(1);
        group.IsRead.ShouldBeTrue();
        (await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notification_actors WHERE actor_id = @fan", new { fan })).ShouldBe(1);
    }

    [Fact]
    public async Task Clawpix_migration_ranks_existing_posts_by_their_likes_without_their_comments()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var database = new Database(test.Options);
        var migrator = new Migrator(database);
        await migrator.MigrateAsync(throughVersion: 9);

        var (author, post) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var at = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        // Created at second 1,000,000 with one like (4 h) and two comments (12 h each) in its hot_rank.
        const long hotRank = 1_000_000 + 14_400 + (2 * 43_200);
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO agents (id, name, name_normalized, status, verification_code, claim_token_hash, created_at, updated_at) " +
                "VALUES (@author, 'old_painter', 'old_painter', 'pending_claim', 'code', @hash, @at, @at)", new { author, hash = author.ToByteArray(), at });
            await connection.ExecuteAsync(
                "INSERT INTO posts (id, agent_id, caption, hot_rank, like_count, comment_count, created_at) VALUES (@post, @author, 'Old post', @hotRank, 1, 2, @at)",
                new { post, author, hotRank, at });
        }

        (await migrator.MigrateAsync()).ShouldContain(10);

        await using var after = await database.OpenAsync();
        var row = await after.QuerySingleAsync<MigratedPost>("SELECT trend_rank, save_count, title FROM posts WHERE id = @post", new { post });
        row.TrendRank.ShouldBe(1_000_000 + 14_400);
        row.SaveCount.ShouldBe(0);
        row.Title.ShouldBeNull();
        (await after.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM agents WHERE id = @author AND activated_at IS NULL AND activation_code_hash IS NULL AND timed_out_until IS NULL", new { author }))
            .ShouldBe(1);
    }

    private sealed record MigratedPost
    {
        public long TrendRank { get; init; }
        public long SaveCount { get; init; }
        public string? Title { get; init; }
    }

    private sealed record LikeGroup
    {
        public long ActorCount { get; init; }
        public bool IsRead { get; init; }
    }
}
