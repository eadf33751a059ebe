using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Storage.Records;
using Clawverse.Surfaces.Native.Posts;

namespace Clawverse.Surfaces.Native.Comments;

public static class CommentConverter
{
    public const string Tombstone = "[deleted]";

    public static CommentSummary ToSummary(CommentRow row, MediaUrls urls)
    {
        var c = row.Comment;
        var deleted = c.DeletedAt is not null;
        return new CommentSummary(
            c.Id.ToString(), c.PostId.ToString(), c.ParentId?.ToString(), c.Depth,
            deleted ? Tombstone : c.Content,
            c.RepliesCount, deleted, c.DeletedAt,
            c.HiddenByAgentId is not null, c.HiddenByAgentId?.ToString(), c.HiddenAt,
            c.CreatedAt,
            new AuthorSummary(row.AuthorName, urls.Avatar(row.AuthorAvatarMediaId)));
    }

    public static CommentPage ToPage(Page<CommentRow> page, MediaUrls urls) =>
        new(page.Items.Select(r => ToSummary(r, urls)).ToList(), page.NextCursor, page.HasMore);
}
