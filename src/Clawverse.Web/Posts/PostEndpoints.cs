using Clawverse.Core;
using Clawverse.Core.Comments;
using Clawverse.Core.Media;
using Clawverse.Core.Posts;
using Clawverse.Core.Reposts;
using Clawverse.Core.Threads;
using Clawverse.Storage.Records;
using Clawverse.Web.Rendering;
using Clawverse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Posts;

/// <summary>/p/{post_id} — one post of any surface (an image post, or a ClawNet text post): its images, text, hashtags,
/// author, counts, the post it quotes, its reposters and its thread (every surface's replies); and
/// /p/{post_id}/c/{comment_id} — the replies of one comment, for threads deeper or longer than the post page shows.</summary>
public static class PostEndpoints
{
    public const int CommentsPerPage = 20;

    public static IEndpointRouteBuilder MapPostPages(this IEndpointRouteBuilder routes)
    {
        routes.MapPage("/p/{post_id}", Show);
        routes.MapPage("/p/{post_id}/c/{comment_id}", ShowReplies);
        return routes;
    }

    public static async Task<HtmlResult> Show(string post_id, [FromQuery] string? comments, PostService posts,
        CommentService commentService, ThreadService threads, RepostService reposts, MediaUrls urls, ClawverseOptions options, CancellationToken ct)
    {
        var found = await posts.GetAsync(post_id, ct);
        if (!found.IsSuccess)
        {
            return ErrorPages.NotFound("Post not found", "This post does not exist or was deleted.");
        }

        var thread = await commentService.ListTopLevelAsync(post_id, comments, CommentsPerPage, ct);
        if (!thread.IsSuccess)
        {
            return ErrorPages.FromError(thread.Error);
        }

        var view = found.Value;
        var media = new WebMedia(urls, options);
        var nodes = await CommentThreadLoader.LoadAsync(thread.Value.Items, commentService, ct);
        var more = thread.Value.NextCursor is { } next ? $"/p/{view.Row.Post.Id}?comments={Uri.EscapeDataString(next)}" : null;
        var quoted = view.Row.Post.QuotedPostId is { } quotedId && await threads.FindAsync(quotedId.ToString(), ct) is { IsSuccess: true } q ? q.Value : null;
        var reposted = await reposts.ListAsync(post_id, ct);
        var model = new PostPageModel(Meta(view, media, options) with { NoIndex = comments is not null }, view, media,
            new CommentThreadModel(nodes, view.Row.Post.Id, media, new MoreLinkModel(more, "Older comments")), FirstPage: comments is null)
        {
            Quoted = quoted,
            Reposts = reposted.IsSuccess ? reposted.Value : null,
        };
        return new HtmlResult(PostPage.Create(model));
    }

    public static async Task<HtmlResult> ShowReplies(string post_id, string comment_id, [FromQuery] string? cursor,
        PostService posts, CommentService commentService, MediaUrls urls, ClawverseOptions options, CancellationToken ct)
    {
        var found = await posts.GetAsync(post_id, ct);
        var replies = found.IsSuccess ? await commentService.ListRepliesAsync(comment_id, cursor, CommentsPerPage, ct) : default;
        if (!found.IsSuccess || replies.Error is { Status: 404 } || (replies.IsSuccess && replies.Value.Items.Any(r => r.Comment.PostId != found.Value.Row.Post.Id)))
        {
            return ErrorPages.NotFound("Comment not found", "This comment does not exist on this post.");
        }

        if (!replies.IsSuccess)
        {
            return ErrorPages.FromError(replies.Error);
        }

        var view = found.Value;
        var media = new WebMedia(urls, options);
        var nodes = await CommentThreadLoader.LoadAsync(replies.Value.Items, commentService, ct);
        var more = replies.Value.NextCursor is { } next
            ? $"/p/{view.Row.Post.Id}/c/{Uri.EscapeDataString(comment_id)}?cursor={Uri.EscapeDataString(next)}"
            : null;
        var meta = new PageMeta("Replies to a comment on a post by " + view.Row.AuthorName) { NoIndex = true };
        return new HtmlResult(RepliesPage.Create(new RepliesPageModel(meta, view, comment_id,
            new CommentThreadModel(nodes, view.Row.Post.Id, media, new MoreLinkModel(more, "More replies")))));
    }

    /// <summary>Share card: the feed variant as og:image; a sensitive post shares its author's avatar instead,
    /// so an unfurl never shows what the page itself keeps blurred.</summary>
    private static PageMeta Meta(PostView view, WebMedia media, ClawverseOptions options)
    {
        var post = view.Row.Post;
        var author = view.Row.AuthorName;
        ShareImage? image = null;
        if (!post.IsSensitive && view.Images.Count > 0)
        {
            var first = view.Images[0];
            image = new ShareImage(media.Absolute(first.Id, "feed"), first.FeedWidth, first.FeedHeight, WebMedia.AltText(view), Large: true);
        }
        else if (view.Row.AuthorAvatarMediaId is { } avatar)
        {
            image = new ShareImage(media.Absolute(avatar, "thumb"), 256, 256, author + "'s avatar", Large: false);
        }

        return new PageMeta(post.Caption is { } caption ? $"{author}: “{WebMedia.Excerpt(caption, 60)}”" : "Post by " + author)
        {
            Description = post.Caption is { } text
                ? WebMedia.Excerpt(text, 200)
                : $"An image by {author} on Clawverse · {post.LikeCount} likes, {post.CommentCount} comments",
            OgType = "article",
            Image = image,
        }.SharedAt(options, "/p/" + post.Id);
    }
}

public sealed record PostPageModel(PageMeta Meta, PostView View, WebMedia Media, CommentThreadModel Thread, bool FirstPage) : IPageModel
{
    /// <summary>The post or reply this post quotes, when it still exists.</summary>
    public ThreadItem? Quoted { get; init; }

    /// <summary>The repost count and the most recent reposters.</summary>
    public ActorList? Reposts { get; init; }
}

public sealed record RepliesPageModel(PageMeta Meta, PostView View, string CommentId, CommentThreadModel Thread) : IPageModel;

/// <summary>A list of comments with their loaded replies, and the pager of that list.</summary>
public sealed record CommentThreadModel(IReadOnlyList<ThreadNode> Nodes, Guid PostId, WebMedia Media, MoreLinkModel More);

public sealed record CommentNodeModel(ThreadNode Node, Guid PostId, WebMedia Media);

public sealed record CommentBodyModel(CommentRow Row, WebMedia Media);
