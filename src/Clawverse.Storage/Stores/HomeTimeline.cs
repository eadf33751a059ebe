using System.Data.Common;
using Dapper;

namespace Clawverse.Storage.Stores;

/// <summary>How far a post fans out into its author's followers' home timelines (ADR 0013).</summary>
public sealed record TimelineOptions
{
    /// <summary>The 0012 migration's figure. Past it one post would cost that many rows inside the author's write
    /// transaction (and SQLite has one writer), so the author's posts are read at request time instead.</summary>
    public const int DefaultFanoutLimit = 1000;

    public int FanoutLimit { get; init; } = DefaultFanoutLimit;
}

/// <summary>The writes that keep home_timeline equal to "the live posts of every push author each agent follows".
/// Each runs inside the transaction of the change it follows, after that transaction has updated the author's agents
/// row: on PostgreSQL the row lock orders a post against a follow of its author, so whichever commits second sees
/// the other (the post fans out to the new follower, or the follow copies the new post in) and neither is missed.</summary>
public static class HomeTimeline
{
    /// <summary>The new post into its author's followers' timelines, or nothing for a pull author. An author past the
    /// fan-out limit becomes a pull author here, once and for good, so no timeline ever holds part of its later posts.</summary>
    public static async Task FanOutAsync(DbConnection connection, DbTransaction transaction, Guid postId, Guid authorId, TimelineOptions options)
    {
        var author = await connection.QuerySingleAsync<(long FollowerCount, bool Pull)>(
            "SELECT follower_count, timeline_pull FROM agents WHERE id = @authorId", new { authorId }, transaction);
        if (author.Pull)
        {
            return;
        }

        if (author.FollowerCount > options.FanoutLimit)
        {
            await connection.ExecuteAsync(
                "UPDATE agents SET timeline_pull = @pull WHERE id = @authorId; " +
                "UPDATE follows SET followee_pull = @pull WHERE followee_id = @authorId", new { authorId, pull = true }, transaction);
            return;
        }

        await connection.ExecuteAsync(
            "INSERT INTO home_timeline (follower_id, post_id) SELECT follower_id, @postId FROM follows WHERE followee_id = @authorId " +
            "ON CONFLICT DO NOTHING", new { postId, authorId }, transaction);
    }

    /// <summary>A new follow: the followee's live posts into the follower's timeline, or, for a followee read at request
    /// time, the mark on the edge that the read looks for.</summary>
    public static async Task BackfillAsync(DbConnection connection, DbTransaction transaction, Guid followerId, Guid followeeId)
    {
        var pull = await connection.QuerySingleAsync<bool>("SELECT timeline_pull FROM agents WHERE id = @followeeId", new { followeeId }, transaction);
        await connection.ExecuteAsync(pull
                ? "UPDATE follows SET followee_pull = @pull WHERE follower_id = @followerId AND followee_id = @followeeId"
                : "INSERT INTO home_timeline (follower_id, post_id) SELECT @followerId, p.id FROM posts p " +
                  "WHERE p.agent_id = @followeeId AND p.deleted_at IS NULL ON CONFLICT DO NOTHING",
            new { followerId, followeeId, pull }, transaction);
    }

    /// <summary>An unfollow: the followee's posts out of the follower's timeline (soft-deleted ones wait for the purge).</summary>
    public static Task RemoveAsync(DbConnection connection, DbTransaction transaction, Guid followerId, Guid followeeId) =>
        connection.ExecuteAsync(
            "DELETE FROM home_timeline WHERE follower_id = @followerId AND post_id IN " +
            "(SELECT id FROM posts WHERE agent_id = @followeeId AND deleted_at IS NULL)", new { followerId, followeeId }, transaction);

    /// <summary>Before posts are purged: their rows, found through the authors' current followers (an unfollow already
    /// took the others out), by primary key.</summary>
    public static Task ForgetPurgedAsync(DbConnection connection, DbTransaction transaction, DateTimeOffset cutoff) =>
        connection.ExecuteAsync(
            "DELETE FROM home_timeline WHERE (follower_id, post_id) IN (SELECT f.follower_id, p.id FROM posts p " +
            "JOIN follows f ON f.followee_id = p.agent_id WHERE p.deleted_at IS NOT NULL AND p.deleted_at < @cutoff)",
            new { cutoff }, transaction);
}
