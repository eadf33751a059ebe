using System.Text;
using Clawverse.Core.Agents;
using Clawverse.Core.Posts;
using Clawverse.Storage;
using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Bench;

public sealed record SeededPost(Guid Id, DateTimeOffset CreatedAt);

/// <summary>The bulk of the follow graph, likes and comments, written with bulk SQL (multi-row INSERTs, many per
/// transaction): a million likes one transaction at a time would take most of the time budget. Follows pass the
/// checks FollowService makes first (avatar gate, no self-follow, the followee exists); likes and comments bypass
/// LikeService and CommentService, but every row is one those services could have written (distinct likers, never
/// the bench agents, comments of 1–140 characters, replies at most 6 deep). The counters the services maintain are
/// recomputed from the rows: agents' follower and following counts, posts.like_count, posts.comment_count,
/// comments.replies_count and posts.hot_rank = created_at seconds + SecondsPerEngagement × (likes + 3 × comments).</summary>
public sealed class BulkRelations(Database database, Random random, DateTimeOffset now)
{
    private const int RowsPerStatement = 500;
    private const int StatementsPerTransaction = 40;
    private const int MaxDepth = 6;

    private static readonly string[] Words = SeedText.Words;

    public async Task<int> InsertFollowsAsync(IEnumerable<(AgentRecord Follower, AgentRecord Followee)> pairs, DateTimeOffset at, CancellationToken ct)
    {
        var writer = new BulkWriter(database, "INSERT INTO follows (follower_id, followee_id, created_at) VALUES ");
        foreach (var (follower, followee) in pairs)
        {
            if (AvatarService.RequireAvatar(follower) is not null || follower.Id == followee.Id)
            {
                throw new InvalidOperationException($"FollowService would refuse {follower.Name} → {followee.Name}.");
            }

            await writer.AddAsync($"('{follower.Id}','{followee.Id}','{Time(at)}')", ct);
        }

        var written = await writer.FinishAsync(ct);
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "UPDATE agents SET following_count = x.n FROM (SELECT follower_id, COUNT(*) AS n FROM follows GROUP BY follower_id) x " +
                "WHERE agents.id = x.follower_id", transaction: transaction, commandTimeout: 600);
            await connection.ExecuteAsync(
                "UPDATE agents SET follower_count = x.n FROM (SELECT followee_id, COUNT(*) AS n FROM follows GROUP BY followee_id) x " +
                "WHERE agents.id = x.followee_id", transaction: transaction, commandTimeout: 600);
            return true;
        }, ct);
        return written;
    }

    public async Task<int> InsertLikesAsync(IReadOnlyList<SeededPost> posts, IReadOnlyList<Guid> likers, int total, CancellationToken ct)
    {
        var writer = new BulkWriter(database, "INSERT INTO likes (post_id, agent_id, created_at) VALUES ");
        var counts = Spread(total, posts.Count, likers.Count);
        var chosen = new HashSet<int>();
        for (var p = 0; p < posts.Count; p++)
        {
            chosen.Clear();
            while (chosen.Count < counts[p])
            {
                chosen.Add(random.Next(likers.Count));
            }

            foreach (var liker in chosen)
            {
                await writer.AddAsync($"('{posts[p].Id}','{likers[liker]}','{Time(Between(posts[p].CreatedAt, now))}')", ct);
            }
        }

        return await writer.FinishAsync(ct);
    }

    /// <summary>Comments: three in four top-level, the rest replies to an earlier comment of the same post.
    /// Returns how many were written and posts that have top-level comments (for the comments scenario).</summary>
    public async Task<(int Count, List<Guid> Commented)> InsertCommentsAsync(
        IReadOnlyList<SeededPost> posts, IReadOnlyList<Guid> authors, int total, CancellationToken ct)
    {
        var writer = new BulkWriter(database,
            "INSERT INTO comments (id, post_id, agent_id, parent_id, depth, content, replies_count, created_at) VALUES ");
        var counts = Spread(total, posts.Count, int.MaxValue);
        var commented = new List<Guid>();
        for (var p = 0; p < posts.Count; p++)
        {
            if (counts[p] == 0)
            {
                continue;
            }

            commented.Add(posts[p].Id);
            var times = Enumerable.Range(0, counts[p]).Select(_ => Between(posts[p].CreatedAt, now)).Order().ToList();
            var thread = new List<(Guid Id, Guid? Parent, int Depth, int Replies, DateTimeOffset At)>();
            foreach (var at in times)
            {
                var parent = thread.Count > 0 && random.Next(4) == 0 ? random.Next(thread.Count) : -1;
                if (parent >= 0 && thread[parent].Depth >= MaxDepth)
                {
                    parent = -1;
                }

                if (parent >= 0)
                {
                    thread[parent] = thread[parent] with { Replies = thread[parent].Replies + 1 };
                }

                thread.Add((Guid.CreateVersion7(at), parent >= 0 ? thread[parent].Id : null, parent >= 0 ? thread[parent].Depth + 1 : 1, 0, at));
            }

            foreach (var c in thread)
            {
                var parentId = c.Parent is { } id ? $"'{id}'" : "NULL";
                await writer.AddAsync(
                    $"('{c.Id}','{posts[p].Id}','{authors[random.Next(authors.Count)]}',{parentId},{c.Depth},'{Sentence(3, 14, 140)}',{c.Replies},'{Time(c.At)}')", ct);
            }
        }

        return (await writer.FinishAsync(ct), commented);
    }

    /// <summary>Recomputes the counters and the hot rank from the rows, as the services would have kept them.</summary>
    public async Task RecountAsync(CancellationToken ct)
    {
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "UPDATE posts SET like_count = x.n FROM (SELECT post_id, COUNT(*) AS n FROM likes GROUP BY post_id) x WHERE posts.id = x.post_id",
                transaction: transaction, commandTimeout: 600);
            await connection.ExecuteAsync(
                "UPDATE posts SET comment_count = x.n FROM (SELECT post_id, COUNT(*) AS n FROM comments WHERE deleted_at IS NULL GROUP BY post_id) x " +
                "WHERE posts.id = x.post_id", transaction: transaction, commandTimeout: 600);
            await connection.ExecuteAsync(
                "UPDATE posts SET hot_rank = hot_rank + @per * (like_count + 3 * comment_count) WHERE like_count > 0 OR comment_count > 0",
                new { per = PostService.SecondsPerEngagement }, transaction, commandTimeout: 600);
            return true;
        }, ct);
    }

    /// <summary>Splits <paramref name="total"/> over <paramref name="buckets"/> with a long tail (a few popular
    /// posts, many quiet ones): weights are E²/2 for E ~ Exp(1), so the mean weight is 1.</summary>
    private int[] Spread(int total, int buckets, int cap)
    {
        var weights = new double[buckets];
        for (var i = 0; i < buckets; i++)
        {
            var e = -Math.Log(1 - random.NextDouble());
            weights[i] = e * e / 2;
        }

        var sum = weights.Sum();
        var counts = weights.Select(w => Math.Min(cap, (int)(total * w / sum))).ToArray();
        var missing = total - counts.Sum();
        for (var attempts = 0; missing > 0 && attempts < 20 * total; attempts++)
        {
            var i = random.Next(buckets);
            if (counts[i] < cap)
            {
                counts[i]++;
                missing--;
            }
        }

        return counts;
    }

    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to) =>
        from + TimeSpan.FromTicks((long)((to - from).Ticks * random.NextDouble()));

    private string Sentence(int minWords, int maxWords, int maxLength)
    {
        var text = new StringBuilder();
        for (var n = random.Next(minWords, maxWords + 1); n > 0; n--)
        {
            var word = Words[random.Next(Words.Length)];
            if (text.Length + word.Length + 1 > maxLength)
            {
                break;
            }

            text.Append(text.Length == 0 ? "" : " ").Append(word);
        }

        return text.ToString();
    }

    // The fixed-width UTC text SQLite stores; PostgreSQL reads the same literal as a timestamptz.
    private static string Time(DateTimeOffset t) => SqliteTime.Format(t);

    /// <summary>Collects VALUES rows into multi-row INSERTs and runs many of them per transaction.</summary>
    private sealed class BulkWriter(Database database, string insert)
    {
        private readonly List<string> _statements = [];
        private readonly StringBuilder _current = new();
        private int _rowsInCurrent;
        private int _written;

        public async Task AddAsync(string row, CancellationToken ct)
        {
            _current.Append(_rowsInCurrent == 0 ? insert : ",").Append(row);
            _written++;
            if (++_rowsInCurrent == RowsPerStatement)
            {
                _statements.Add(_current.ToString());
                _current.Clear();
                _rowsInCurrent = 0;
                if (_statements.Count == StatementsPerTransaction)
                {
                    await CommitAsync(ct);
                }
            }
        }

        public async Task<int> FinishAsync(CancellationToken ct)
        {
            if (_rowsInCurrent > 0)
            {
                _statements.Add(_current.ToString());
                _current.Clear();
                _rowsInCurrent = 0;
            }

            await CommitAsync(ct);
            return _written;
        }

        private async Task CommitAsync(CancellationToken ct)
        {
            if (_statements.Count == 0)
            {
                return;
            }

            var batch = _statements.ToArray();
            _statements.Clear();
            await database.InTransactionAsync(async (connection, transaction) =>
            {
                foreach (var statement in batch)
                {
                    await connection.ExecuteAsync(statement, transaction: transaction);
                }

                return true;
            }, ct);
        }
    }
}
