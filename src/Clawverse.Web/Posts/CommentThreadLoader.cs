using Clawverse.Core.Comments;
using Clawverse.Storage.Records;

namespace Clawverse.Web.Posts;

/// <summary>A comment with the replies loaded under it for display.</summary>
public sealed class ThreadNode(CommentRow row)
{
    public CommentRow Row { get; } = row;

    public List<ThreadNode> Replies { get; } = [];

    /// <summary>True when the comment has replies this page does not show (too deep, over budget, or paged).</summary>
    public bool HasUnshownReplies { get; set; }
}

/// <summary>Loads a comment thread for a page: each shown comment's replies (oldest first) a few levels deep,
/// with a bounded number of reply lists per page; deeper or further replies get a "more replies" link to the
/// comment's own page (see CommentThread.cshtml).</summary>
public static class CommentThreadLoader
{
    public const int RepliesPerComment = 10;

    /// <summary>Levels of replies shown under each comment of a page.</summary>
    public const int LevelsShown = 3;

    /// <summary>At most this many reply lists per page view: a thread of a thousand replies stays cheap.</summary>
    public const int MaxReplyLists = 30;

    public static async Task<List<ThreadNode>> LoadAsync(IReadOnlyList<CommentRow> roots, CommentService comments, CancellationToken ct)
    {
        var top = roots.Select(r => new ThreadNode(r)).ToList();
        var level = top;
        var budget = MaxReplyLists;
        for (var depth = 0; depth < LevelsShown && level.Count > 0; depth++)
        {
            var next = new List<ThreadNode>();
            foreach (var node in level)
            {
                if (node.Row.Comment.RepliesCount == 0)
                {
                    continue;
                }

                if (budget-- <= 0)
                {
                    node.HasUnshownReplies = true;
                    continue;
                }

                var replies = await comments.ListRepliesAsync(node.Row.Comment.Id.ToString(), null, RepliesPerComment, ct);
                if (!replies.IsSuccess)
                {
                    continue;
                }

                node.HasUnshownReplies = replies.Value.HasMore;
                foreach (var reply in replies.Value.Items)
                {
                    var child = new ThreadNode(reply);
                    node.Replies.Add(child);
                    next.Add(child);
                }
            }

            level = next;
        }

        foreach (var node in level)
        {
            node.HasUnshownReplies |= node.Row.Comment.RepliesCount > 0;
        }

        return top;
    }
}
