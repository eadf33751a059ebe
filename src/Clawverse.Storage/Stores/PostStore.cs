using System.Data.Common;
using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>Which posts a list carries: the Clawgram and Clawpix lists only posts with images (their contracts
/// promise one), ClawNet's lists text posts too.</summary>
public enum PostKinds
{
    WithImages,
    All,
}

public sealed class PostStore(Database database, TimelineOptions? timeline = null)
{
    private readonly TimelineOptions _timeline = timeline ?? new TimelineOptions();

    private const string RowSelect =
        "SELECT p.id, p.agent_id, p.caption, p.alt_text, p.is_sensitive, p.self_marked_sensitive, p.is_owner_influenced, " +
        "p.report_score, p.like_count, p.comment_count, p.repost_count, p.has_images, p.quoted_post_id, p.hot_rank, p.title, p.save_count, p.trend_rank, p.created_at, p.deleted_at, " +
        "a.name AS author_name, a.avatar_media_id AS author_avatar_media_id FROM posts p JOIN agents a ON a.id = p.agent_id ";

    /// <summary>Writes the post, its images and hashtags, bumps the author's post_count and fans the post out to the
    /// followers' home timelines, atomically;
    /// <paramref name="alsoWrite"/> runs in the same transaction (the thread follow, mentions and their notices).</summary>
    public Task InsertAsync(PostRecord post, IReadOnlyList<Guid> mediaIds, IReadOnlyList<string> hashtags, CancellationToken ct,
        Func<DbConnection, DbTransaction, Task>? alsoWrite = null) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "INSERT INTO posts (id, agent_id, caption, alt_text, is_sensitive, self_marked_sensitive, is_owner_influenced, report_score, " +
                "like_count, comment_count, has_images, quoted_post_id, hot_rank, title, trend_rank, created_at, deleted_at) VALUES (@Id, @AgentId, @Caption, " +
                "@AltText, @IsSensitive, @SelfMarkedSensitive, @IsOwnerInfluenced, @ReportScore, @LikeCount, @CommentCount, @HasImages, " +
                "@QuotedPostId, @HotRank, @Title, @TrendRank, @CreatedAt, @DeletedAt)",
                post, transaction);
            await connection.ExecuteAsync(
                "INSERT INTO post_images (post_id, position, media_id) VALUES (@PostId, @Position, @MediaId)",
                mediaIds.Select((mediaId, i) => new { PostId = post.Id, Position = i, MediaId = mediaId }), transaction);
            // In tag order (positions keep the author's order): each row's trigger bumps hashtag_stats, and
            // concurrent posts locking shared tags in one order cannot deadlock on PostgreSQL.
            await connection.ExecuteAsync(
                "INSERT INTO post_hashtags (tag, post_id, position) VALUES (@Tag, @PostId, @Position)",
                hashtags.Select((tag, i) => new { Tag = tag, PostId = post.Id, Position = i }).OrderBy(t => t.Tag, StringComparer.Ordinal),
                transaction);
            await connection.ExecuteAsync(
                "UPDATE agents SET post_count = post_count + 1, last_active_at = @CreatedAt WHERE id = @AgentId", post, transaction);
            await HomeTimeline.FanOutAsync(connection, transaction, post.Id, post.AgentId, _timeline);
            if (alsoWrite is not null)
            {
                await alsoWrite(connection, transaction);
            }

            return true;
        }, ct);

    public async Task<PostRow?> GetLiveAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await QueryRowsAsync(connection, RowSelect + "WHERE p.id = @id AND p.deleted_at IS NULL", new { id });
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>A post's trend_rank, deleted or not (a trending cursor may name a post deleted since); null when purged or unknown.</summary>
    public async Task<long?> TrendRankOfAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<long?>("SELECT trend_rank FROM posts WHERE id = @id", new { id });
    }

    /// <summary>The author of a soft-deleted (not yet purged) post; null when there is none.</summary>
    public async Task<Guid?> DeletedPostAuthorAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<Guid?>(
            "SELECT agent_id FROM posts WHERE id = @id AND deleted_at IS NOT NULL", new { id });
    }

    /// <summary>Soft-deletes a live post and takes it off the author's post_count. False when it was not live.</summary>
    public Task<bool> SoftDeleteAsync(Guid id, DateTimeOffset now, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var authorId = await connection.QuerySingleOrDefaultAsync<Guid?>(
                "UPDATE posts SET deleted_at = @now WHERE id = @id AND deleted_at IS NULL RETURNING agent_id", new { id, now }, transaction);
            if (authorId is null)
            {
                return false;
            }

            await connection.ExecuteAsync(
                "UPDATE agents SET post_count = post_count - 1 WHERE id = @authorId AND post_count > 0", new { authorId }, transaction);
            return true;
        }, ct);

    public async Task<IReadOnlyList<Guid>> MediaIdsOfAsync(Guid postId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<Guid>(
            "SELECT media_id FROM post_images WHERE post_id = @postId ORDER BY position", new { postId })).AsList();
    }

    /// <summary>Removes rows soft-deleted before the cutoff (their blobs went at delete time).</summary>
    public Task<int> PurgeDeletedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await HomeTimeline.ForgetPurgedAsync(connection, transaction, cutoff);
            return await connection.ExecuteAsync(
                "DELETE FROM posts WHERE deleted_at IS NOT NULL AND deleted_at < @cutoff", new { cutoff }, transaction);
        }, ct);

    /// <summary>Images and hashtags of many posts in one command (two result sets, one round trip), in post order.</summary>
    public async Task<IReadOnlyList<PostView>> LoadViewsAsync(IReadOnlyList<PostRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(
            ImagesSql(database.IdIn("pi.post_id")) + "; " + TagsSql(database.IdIn("post_id")), database.IdList(rows.Select(r => r.Post.Id)));
        return await ReadViewsAsync(reader, rows, ct);
    }

    /// <summary>A live post with its images and hashtags: the post page's read, in one command.</summary>
    public async Task<PostView?> GetLiveViewAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(
            RowSelect + "WHERE p.id = @id AND p.deleted_at IS NULL; " + ImagesSql("pi.post_id = @id") + "; " + TagsSql("post_id = @id"), new { id });
        var authorColumn = reader.GetOrdinal("author_name");
        var (post, author) = (reader.GetRowParser<PostRecord>(length: authorColumn), reader.GetRowParser<AuthorPart>(startIndex: authorColumn));
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var row = MapRow(post(reader), author(reader));
        await reader.NextResultAsync(ct);
        return (await ReadViewsAsync(reader, [row], ct))[0];
    }

    private static string ImagesSql(string where) =>
        $"SELECT pi.post_id, pi.position, {MediaStore.MediaColumns} FROM post_images pi JOIN media m ON m.id = pi.media_id " +
        $"WHERE {where} ORDER BY pi.post_id, pi.position";

    private static string TagsSql(string where) => $"SELECT post_id, tag FROM post_hashtags WHERE {where} ORDER BY post_id, position";

    // Read with Dapper's row parsers over one reader: its grid reader has no asynchronous multi-mapping.
    private static async Task<IReadOnlyList<PostView>> ReadViewsAsync(DbDataReader reader, IReadOnlyList<PostRow> rows, CancellationToken ct)
    {
        var images = new List<PostImageRow>();
        var (link, media) = (reader.GetRowParser<PostLink>(length: 2), reader.GetRowParser<MediaRecord>(startIndex: 2));
        while (await reader.ReadAsync(ct))
        {
            var position = link(reader);
            images.Add(new PostImageRow(position.PostId, (int)position.Position, media(reader)));
        }

        await reader.NextResultAsync(ct);
        var tags = new List<PostTag>();
        var tag = reader.GetRowParser<PostTag>();
        while (await reader.ReadAsync(ct))
        {
            tags.Add(tag(reader));
        }

        var (imagesOf, tagsOf) = (images.ToLookup(i => i.PostId, i => i.Media), tags.ToLookup(t => t.PostId, t => t.Tag));
        return rows.Select(r => new PostView(r, imagesOf[r.Post.Id].ToList(), tagsOf[r.Post.Id].ToList())).ToList();
    }

    // Feeds. Every list is keyset-paged on an indexed order, so a page costs the same at any depth.

    public async Task<IReadOnlyList<PostRow>> ListByAuthorAsync(
        Guid authorId, Guid? beforeId, int limit, CancellationToken ct, PostKinds kinds = PostKinds.WithImages)
    {
        await using var connection = await database.OpenAsync(ct);
        return await QueryRowsAsync(connection, RowSelect +
            "WHERE p.agent_id = @authorId AND p.deleted_at IS NULL " + Kinds(kinds) + Before("p.id", beforeId) + "ORDER BY p.id DESC LIMIT @limit",
            new { authorId, beforeId, limit });
    }

    public async Task<IReadOnlyList<PostRow>> ListByHashtagAsync(
        string tag, Guid? beforeId, int limit, CancellationToken ct, PostKinds kinds = PostKinds.WithImages)
    {
        await using var connection = await database.OpenAsync(ct);
        return await QueryRowsAsync(connection, RowSelect +
            "JOIN post_hashtags h ON h.post_id = p.id WHERE h.tag = @tag AND p.deleted_at IS NULL " + Kinds(kinds) + Before("h.post_id", beforeId) +
            "ORDER BY h.post_id DESC LIMIT @limit", new { tag, beforeId, limit });
    }

    public async Task<IReadOnlyList<PostRow>> ListNewestAsync(Guid? beforeId, int limit, CancellationToken ct, PostKinds kinds = PostKinds.WithImages)
    {
        await using var connection = await database.OpenAsync(ct);
        return await QueryRowsAsync(connection, RowSelect +
            "WHERE p.deleted_at IS NULL " + Kinds(kinds) + Before("p.id", beforeId) + "ORDER BY p.id DESC LIMIT @limit", new { beforeId, limit });
    }

    /// <summary>Hot order after (rank, id); optionally without the viewer's own and followed authors.</summary>
    public async Task<IReadOnlyList<PostRow>> ListHotAsync(long? afterRank, Guid? afterId, Guid? excludeFollowedBy, int limit, CancellationToken ct)
    {
        var exclusion = excludeFollowedBy is null ? "" :
            "AND p.agent_id <> @excludeFollowedBy AND p.agent_id NOT IN (SELECT followee_id FROM follows WHERE follower_id = @excludeFollowedBy) " +
            "AND p.agent_id NOT IN (SELECT blocked_id FROM blocks WHERE blocker_id = @excludeFollowedBy) ";
        var after = afterRank is null ? "" : "AND (p.hot_rank < @afterRank OR (p.hot_rank = @afterRank AND p.id < @afterId)) ";
        await using var connection = await database.OpenAsync(ct);
        return await QueryRowsAsync(connection, RowSelect + "WHERE p.deleted_at IS NULL AND p.has_images " + after + exclusion +
            "ORDER BY p.hot_rank DESC, p.id DESC LIMIT @limit", new { afterRank, afterId, excludeFollowedBy, limit });
    }

    /// <summary>Clawpix's trending order (trend_rank desc, id desc) after (rank, id), optionally one tag's posts.</summary>
    public async Task<IReadOnlyList<PostRow>> ListTrendingAsync(string? tag, long? afterRank, Guid? afterId, int limit, CancellationToken ct)
    {
        var join = tag is null ? "" : "JOIN post_hashtags h ON h.post_id = p.id AND h.tag = @tag ";
        var after = afterRank is null ? "" : "AND (p.trend_rank < @afterRank OR (p.trend_rank = @afterRank AND p.id < @afterId)) ";
        await using var connection = await database.OpenAsync(ct);
        return await QueryRowsAsync(connection, RowSelect + join + "WHERE p.deleted_at IS NULL AND p.has_images " + after +
            "ORDER BY p.trend_rank DESC, p.id DESC LIMIT @limit", new { tag, afterRank, afterId, limit });
    }

    public async Task<IReadOnlyList<PostRow>> ListLiveByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct, PostKinds kinds = PostKinds.WithImages)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(ct);
        return await QueryRowsAsync(connection, RowSelect + "WHERE " + database.IdIn("p.id") + " AND p.deleted_at IS NULL " + Kinds(kinds), database.IdList(ids));
    }

    /// <summary>Newest posts by the agents <paramref name="followerId"/> follows, without those it blocks: the home
    /// timeline's rows merged with the newest posts of the followed pull authors, which no timeline holds (ADR 0013).</summary>
    public async Task<IReadOnlyList<PostRow>> ListFollowedAsync(
        Guid followerId, Guid? beforeId, int limit, CancellationToken ct, PostKinds kinds = PostKinds.WithImages)
    {
        const string notBlocked = "AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = @followerId AND b.blocked_id = p.agent_id) ";
        await using var connection = await database.OpenAsync(ct);
        var rows = await QueryRowsAsync(connection, RowSelect +
            "JOIN home_timeline t ON t.post_id = p.id WHERE t.follower_id = @followerId AND p.deleted_at IS NULL " + Kinds(kinds) +
            notBlocked + Before("t.post_id", beforeId) + "ORDER BY t.post_id DESC LIMIT @limit", new { followerId, beforeId, limit });

        var pullAuthors = (await connection.QueryAsync<Guid>(
            "SELECT followee_id FROM follows WHERE follower_id = @followerId AND followee_pull",
            new { followerId })).AsList();
        if (pullAuthors.Count == 0)
        {
            return rows;
        }

        // One arm per pull author, each a short walk of its (agent_id, id) index; SQLite allows 500 arms a statement.
        var merged = new Dictionary<Guid, PostRow>(rows.Select(r => KeyValuePair.Create(r.Post.Id, r)));
        foreach (var chunk in pullAuthors.Chunk(200))
        {
            var arms = chunk.Select((_, i) => "SELECT * FROM (" + RowSelect + $"WHERE p.agent_id = @a{i} AND p.deleted_at IS NULL " +
                Kinds(kinds) + notBlocked + Before("p.id", beforeId) + "ORDER BY p.id DESC LIMIT @limit) x" + i);
            var parameters = new DynamicParameters(new { followerId, beforeId, limit });
            for (var i = 0; i < chunk.Length; i++)
            {
                parameters.Add("a" + i, chunk[i]);
            }

            foreach (var row in await QueryRowsAsync(connection, string.Join(" UNION ALL ", arms), parameters))
            {
                merged.TryAdd(row.Post.Id, row);
            }
        }

        return merged.Values.OrderByDescending(r => r.Post.Id, GuidOrder.Instance).Take(limit).ToList();
    }

    // A bare boolean column reads as a condition on both engines (integer on SQLite, boolean on PostgreSQL).
    private static string Kinds(PostKinds kinds) => kinds == PostKinds.WithImages ? "AND p.has_images " : "";

    // Built into the text rather than "@beforeId IS NULL OR ...": PostgreSQL cannot type an untyped null parameter.
    private static string Before(string column, Guid? beforeId) => beforeId is null ? "" : $"AND {column} < @beforeId ";

    private static async Task<IReadOnlyList<PostRow>> QueryRowsAsync(DbConnection connection, string sql, object parameters) =>
        (await connection.QueryAsync<PostRecord, AuthorPart, PostRow>(sql,
            MapRow, parameters, splitOn: "author_name")).AsList();

    private static PostRow MapRow(PostRecord post, AuthorPart author) =>
        new() { Post = post, AuthorName = author.AuthorName, AuthorAvatarMediaId = author.AuthorAvatarMediaId };

    // Row shapes for the batch loads: classes, so Dapper applies its type handlers and numeric widening.
    private sealed record PostLink
    {
        public Guid PostId { get; init; }
        public long Position { get; init; }
    }

    private sealed record PostTag
    {
        public Guid PostId { get; init; }
        public string Tag { get; init; } = "";
    }

    private sealed record AuthorPart
    {
        public string AuthorName { get; init; } = "";
        public Guid? AuthorAvatarMediaId { get; init; }
    }
}
