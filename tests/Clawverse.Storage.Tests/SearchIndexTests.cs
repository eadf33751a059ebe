using Clawverse.Storage.Records;
using Clawverse.Storage.Search;
using Clawverse.Storage.Stores;
using Clawverse.Testing;
using Dapper;

namespace Clawverse.Storage.Tests;

/// <summary>The engine's search index over more posts than one walk window, written with plain SQL (so the
/// triggers do all the indexing): tiers stay disjoint and complete, pages never overlap, and rare, sparse
/// and shadowed words are found on every path (the recent window, the GIN fallback, the long walk, the
/// growing batches).</summary>
public sealed class SearchIndexTests : IAsyncLifetime
{
    private const int Posts = 3000;
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase _test = null!;
    private Database _database = null!;
    private ISearchIndex _index = null!;
    private Guid[] _posts = null!;

    public async Task InitializeAsync()
    {
        _test = await TestDatabase.CreateAsync();
        _database = new Database(_test.Options);
        await new Migrator(_database).MigrateAsync();
        _index = _database.IsSqlite ? new SqliteSearchIndex(_database) : new PostgresSearchIndex(_database);

        var author = new AgentRecord
        {
            Id = Guid.CreateVersion7(T0), Name = "index_author", NameNormalized = "index_author", Status = "claimed",
            VerificationCode = "crab-TEST", ClaimTokenHash = Guid.NewGuid().ToByteArray(), CreatedAt = T0, UpdatedAt = T0,
        };
        var key = new ApiKeyRecord { Id = Guid.CreateVersion7(T0), AgentId = author.Id, KeyHash = Guid.NewGuid().ToByteArray(), Prefix = "claw_live_", CreatedAt = T0 };
        (await new AgentStore(_database).InsertAsync(author, key, default)).ShouldBeTrue();

        _posts = Enumerable.Range(0, Posts).Select(i => Guid.CreateVersion7(T0.AddSeconds(i))).ToArray();
        await _database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "INSERT INTO posts (id, agent_id, caption, hot_rank, created_at) VALUES (@Id, @AgentId, @Caption, 0, @CreatedAt)",
                Enumerable.Range(0, Posts).Select(i => new { Id = _posts[i], AgentId = author.Id, Caption = Caption(i), CreatedAt = T0.AddSeconds(i) }),
                transaction);
            await connection.ExecuteAsync(
                "INSERT INTO post_hashtags (tag, post_id, position) VALUES (@Tag, @PostId, @Position)",
                Enumerable.Range(0, Posts).SelectMany(i => Tags(i).Select((tag, p) => new { Tag = tag, PostId = _posts[i], Position = p })),
                transaction);
            return true;
        });
    }

    // common: caption of every 3rd post, tag of every 10th. shadowed: caption of every 2nd, tagged too except
    // every 500th. sparse: caption of every 150th. rareword: captions of posts 5 and 17 only (far below the
    // newest thousand).
    private static string Caption(int i) => string.Join(' ', new[]
    {
        i % 3 == 0 ? "common" : null, i % 2 == 0 ? "shadowed" : null, i % 150 == 0 ? "sparse" : null,
        i is 5 or 17 ? "rareword" : null, $"post{i}",
    }.Where(w => w is not null));

    private static IEnumerable<string> Tags(int i)
    {
        if (i % 10 == 0)
        {
            yield return "common";
        }

        if (i % 2 == 0 && i % 500 != 0)
        {
            yield return "shadowed";
        }
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _test.DisposeAsync();
    }

    private static SearchTerms Terms(params string[] words) => new(words, false, string.Join(' ', words));

    /// <summary>Every hit of a tier, page by page on the doc keyset, checking that docs only go down.</summary>
    private async Task<List<Guid>> AllAsync(SearchTerms terms, PostMatch tier, int page)
    {
        var hits = new List<SearchHit>();
        long? before = null;
        while (true)
        {
            var batch = await _index.PostsAsync(terms, tier, before, page, default);
            hits.AddRange(batch);
            if (batch.Count < page)
            {
                break;
            }

            before = batch[^1].Doc;
        }

        hits.Select(h => h.Doc).ShouldBe(hits.Select(h => h.Doc).OrderDescending());
        hits.Select(h => h.Doc).ShouldBeUnique();
        return hits.Select(h => h.Id).ToList();
    }

    private List<Guid> Newest(Func<int, bool> which) => Enumerable.Range(0, Posts).Where(which).Reverse().Select(i => _posts[i]).ToList();

    [Fact]
    public async Task Tiers_are_disjoint_complete_and_newest_first()
    {
        (await AllAsync(Terms("common"), PostMatch.Hashtags, 25)).ShouldBe(Newest(i => i % 10 == 0));
        (await AllAsync(Terms("common"), PostMatch.Caption, 25)).ShouldBe(Newest(i => i % 3 == 0 && i % 10 != 0));
        (await AllAsync(Terms("common"), PostMatch.Other, 25)).ShouldBeEmpty();
        (await AllAsync(Terms("common"), PostMatch.Mixed, 25)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Rare_sparse_and_shadowed_words_are_found_past_the_newest_docs()
    {
        (await AllAsync(Terms("rareword"), PostMatch.Caption, 16)).ShouldBe([_posts[17], _posts[5]]);
        (await AllAsync(Terms("sparse"), PostMatch.Caption, 16)).ShouldBe(Newest(i => i % 150 == 0));
        (await AllAsync(Terms("shadowed"), PostMatch.Caption, 4)).ShouldBe(Newest(i => i % 500 == 0));
        (await AllAsync(Terms("shadowed"), PostMatch.Hashtags, 100)).Count.ShouldBe(Posts / 2 - 6);
    }

    [Fact]
    public async Task Words_split_across_fields_are_the_mixed_tier()
    {
        // Every caption with "sparse" also has "common" (multiples of 150 are multiples of 3): caption tier.
        (await AllAsync(Terms("common", "sparse"), PostMatch.Caption, 16)).ShouldBe(Newest(i => i % 150 == 0));
        (await AllAsync(Terms("post7", "shadowed"), PostMatch.Mixed, 16)).ShouldBeEmpty();
        (await AllAsync(Terms("post10", "shadowed"), PostMatch.Caption, 16)).ShouldBe([_posts[10]]);
        (await AllAsync(Terms("post20", "common"), PostMatch.Mixed, 16)).ShouldBe([_posts[20]]); // tag + caption
    }

    [Fact]
    public async Task Soft_deleted_posts_leave_the_index_and_the_hashtag_counts()
    {
        (await _index.HashtagsAsync("common", null, 5, default)).ShouldBe([new HashtagHit { Tag = "common", PostCount = Posts / 10 }]);
        await using (var connection = await _database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE posts SET deleted_at = @at WHERE id = @id", new { at = T0.AddDays(1), id = _posts[10] });
        }

        (await AllAsync(Terms("common"), PostMatch.Hashtags, 100)).ShouldNotContain(_posts[10]);
        (await _index.HashtagsAsync("comm", null, 5, default)).ShouldBe([new HashtagHit { Tag = "common", PostCount = Posts / 10 - 1 }]);
    }
}
