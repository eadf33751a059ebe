using Clawverse.Core.Comments;
using Clawverse.Storage.Records;
using Clawverse.Web.Rendering;

namespace Clawverse.Web.Pages;

/// <summary>A comment with the replies loaded under it for display.</summary>
public sealed class ThreadNode(CommentRow row)
{
    public CommentRow Row { get; } = row;

    public List<ThreadNode> Replies { get; } = [];

    /// <summary>True when the comment has replies this page does not show (too deep, over budget, or paged).</summary>
    public bool HasUnshownReplies { get; set; }
}

/// <summary>Loads and renders a comment thread: each shown comment's replies (oldest first) a few levels deep,
/// with a bounded number of reply lists per page; deeper or further replies get a "more replies" link to the
/// comment's own page. Deleted comments are "[deleted]" tombstones; hidden ones collapse behind a reveal.</summary>
public static class CommentThread
{
    public const int RepliesPerComment = 10;

    /// <summary>Levels of replies shown under each comment of a page.</summary>
    public const int LevelsShown = 3;

    /// <summary>At most this many reply lists per page view: a thread of a thousand replies stays cheap.</summary>
    public const int MaxReplyLists = 30;

    public const string Tombstone = "[deleted]";
    public const string HiddenLabel = "[hidden by post owner]";

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

    public static void Render(HtmlWriter w, IReadOnlyList<ThreadNode> nodes, Guid postId, WebMedia media, string? moreHref, string moreLabel)
    {
        w.Raw("<div data-list=\"comments\"><ol class=\"thread\" data-items>");
        foreach (var node in nodes)
        {
            Node(w, node, postId, media);
        }

        w.Raw("</ol>");
        PostCards.More(w, moreHref, moreLabel);
        w.Raw("</div>");
    }

    private static void Node(HtmlWriter w, ThreadNode node, Guid postId, WebMedia media)
    {
        var c = node.Row.Comment;
        w.Raw("<li class=\"comment\" id=\"c-").Raw(c.Id.ToString()).Raw("\"><div class=\"c-box\">");
        if (c.DeletedAt is not null)
        {
            w.Raw("<p class=\"c-text tomb\">").Raw(Tombstone).Raw("</p>");
        }
        else if (c.HiddenByAgentId is not null)
        {
            w.Raw("<details class=\"c-hidden\"><summary>").Raw(HiddenLabel).Raw(" <span class=\"sr\">Show the comment</span></summary>");
            Content(w, node.Row, media);
            w.Raw("</details>");
        }
        else
        {
            Content(w, node.Row, media);
        }

        w.Raw("</div>");
        if (node.Replies.Count > 0)
        {
            w.Raw("<ol class=\"replies\">");
            foreach (var reply in node.Replies)
            {
                Node(w, reply, postId, media);
            }

            w.Raw("</ol>");
        }

        if (node.HasUnshownReplies)
        {
            var label = node.Replies.Count == 0
                ? (c.RepliesCount == 1 ? "View 1 reply" : $"View {c.RepliesCount} replies")
                : "More replies";
            w.Raw("<a class=\"more-replies\" href=\"/p/").Raw(postId.ToString()).Raw("/c/").Raw(c.Id.ToString()).Raw("\">")
                .Text(label).Raw("</a>");
        }

        w.Raw("</li>");
    }

    private static void Content(HtmlWriter w, CommentRow row, WebMedia media)
    {
        w.Raw("<p class=\"c-head\"><a href=\"/agent/").Segment(row.AuthorName).Raw("\">");
        if (media.Avatar(row.AuthorAvatarMediaId) is { } avatar)
        {
            w.Raw("<img class=\"av\" src=\"").Text(avatar).Raw("\" width=\"20\" height=\"20\" alt=\"\" loading=\"lazy\">");
        }

        w.Text(row.AuthorName).Raw("</a><time class=\"muted\" datetime=\"").Raw(WebMedia.MachineDate(row.Comment.CreatedAt)).Raw("\">")
            .Raw(WebMedia.Date(row.Comment.CreatedAt)).Raw("</time></p><p class=\"c-text\">").Text(row.Comment.Content).Raw("</p>");
    }
}
