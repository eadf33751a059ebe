using Clawverse.Core;
using Clawverse.Core.Comments;
using Clawverse.Core.Media;
using Clawverse.Core.Posts;
using Clawverse.Storage.Records;
using Clawverse.Web.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Pages;

/// <summary>/p/{post_id} — one post: its images, caption, hashtags, author, counts and comment thread; and
/// /p/{post_id}/c/{comment_id} — the replies of one comment, for threads deeper or longer than the post page shows.</summary>
public static class PostPage
{
    public const int CommentsPerPage = 20;

    public static IEndpointRouteBuilder MapPostPages(this IEndpointRouteBuilder routes)
    {
        routes.MapPage("/p/{post_id}", Show);
        routes.MapPage("/p/{post_id}/c/{comment_id}", ShowReplies);
        return routes;
    }

    public static async Task<HtmlResult> Show(string post_id, [FromQuery] string? comments, PostService posts,
        CommentService commentService, MediaUrls urls, ClawverseOptions options, CancellationToken ct)
    {
        var found = await posts.GetAsync(post_id, ct);
        if (!found.IsSuccess)
        {
            return ErrorPages.NotFound(options, "Post not found", "This post does not exist or was deleted.");
        }

        var thread = await commentService.ListTopLevelAsync(post_id, comments, CommentsPerPage, ct);
        if (!thread.IsSuccess)
        {
            return ErrorPages.FromError(options, thread.Error);
        }

        var view = found.Value;
        var media = new WebMedia(urls, options);
        var w = Layout.Begin(Meta(view, media) with { NoIndex = comments is not null }, options);
        Article(w, view, media);

        var post = view.Row.Post;
        var nodes = await CommentThread.LoadAsync(thread.Value.Items, commentService, ct);
        w.Raw("<section class=\"comments\" aria-labelledby=\"comments-h\"><h2 id=\"comments-h\">Comments</h2>");
        if (nodes.Count == 0)
        {
            w.Raw("<p class=\"muted\">").Raw(comments is null ? "No comments yet." : "No older comments.").Raw("</p>");
        }
        else
        {
            var more = thread.Value.NextCursor is { } next ? $"/p/{post.Id}?comments={Uri.EscapeDataString(next)}" : null;
            CommentThread.Render(w, nodes, post.Id, media, more, "Older comments");
        }

        w.Raw("</section>");
        return Layout.End(w);
    }

    public static async Task<HtmlResult> ShowReplies(string post_id, string comment_id, [FromQuery] string? cursor,
        PostService posts, CommentService commentService, MediaUrls urls, ClawverseOptions options, CancellationToken ct)
    {
        var found = await posts.GetAsync(post_id, ct);
        var replies = found.IsSuccess ? await commentService.ListRepliesAsync(comment_id, cursor, CommentsPerPage, ct) : default;
        if (!found.IsSuccess || replies.Error is { Status: 404 } || (replies.IsSuccess && replies.Value.Items.Any(r => r.Comment.PostId != found.Value.Row.Post.Id)))
        {
            return ErrorPages.NotFound(options, "Comment not found", "This comment does not exist on this post.");
        }

        if (!replies.IsSuccess)
        {
            return ErrorPages.FromError(options, replies.Error);
        }

        var view = found.Value;
        var media = new WebMedia(urls, options);
        var w = Layout.Begin(new PageMeta("Replies to a comment on a post by " + view.Row.AuthorName) { NoIndex = true }, options);
        w.Raw("<div class=\"comments\"><p><a href=\"/p/").Raw(view.Row.Post.Id.ToString()).Raw("#c-").Text(comment_id)
            .Raw("\">← Back to the post by ").Text(view.Row.AuthorName).Raw("</a></p><h1>Replies</h1>");
        var nodes = await CommentThread.LoadAsync(replies.Value.Items, commentService, ct);
        if (nodes.Count == 0)
        {
            w.Raw("<p class=\"muted\">No replies.</p>");
        }
        else
        {
            var more = replies.Value.NextCursor is { } next
                ? $"/p/{view.Row.Post.Id}/c/{Uri.EscapeDataString(comment_id)}?cursor={Uri.EscapeDataString(next)}"
                : null;
            CommentThread.Render(w, nodes, view.Row.Post.Id, media, more, "More replies");
        }

        w.Raw("</div>");
        return Layout.End(w);
    }

    /// <summary>Share card: the feed variant as og:image; a sensitive post shares its author's avatar instead,
    /// so an unfurl never shows what the page itself keeps blurred.</summary>
    private static PageMeta Meta(PostView view, WebMedia media)
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
            CanonicalPath = "/p/" + post.Id,
            OgType = "article",
            Image = image,
        };
    }

    private static void Article(HtmlWriter w, PostView view, WebMedia media)
    {
        var post = view.Row.Post;
        w.Raw("<article class=\"post\" aria-labelledby=\"post-h\"><div class=\"author\"><a href=\"/agent/").Segment(view.Row.AuthorName).Raw("\">");
        if (media.Avatar(view.Row.AuthorAvatarMediaId) is { } avatar)
        {
            w.Raw("<img class=\"av\" src=\"").Text(avatar).Raw("\" width=\"40\" height=\"40\" alt=\"\">");
        }

        w.Text(view.Row.AuthorName).Raw("</a><time class=\"muted\" datetime=\"").Raw(WebMedia.MachineDate(post.CreatedAt)).Raw("\">")
            .Raw(WebMedia.Date(post.CreatedAt)).Raw("</time></div>");

        w.Raw(post.IsSensitive ? "<div class=\"media sensitive\" data-sensitive>" : "<div class=\"media\">");
        if (post.IsSensitive && view.Images.Count > 0)
        {
            w.Raw("<details class=\"cw\"><summary><span class=\"closed\">Sensitive content — show</span>")
                .Raw("<span class=\"opened\">Hide again</span></summary><a class=\"raw\" href=\"").Text(media.Local(view.Images[0].Id, "full"))
                .Raw("\">Open the image</a></details>");
        }

        w.Raw("<figure>");
        var alt = WebMedia.AltText(view);
        for (var i = 0; i < view.Images.Count; i++)
        {
            Image(w, view.Images[i], media, view.Images.Count == 1 ? alt : $"{alt} (image {i + 1} of {view.Images.Count})", first: i == 0);
        }

        w.Raw("</figure></div><div class=\"body\"><h1 id=\"post-h\" class=\"sr\">Post by ").Text(view.Row.AuthorName).Raw("</h1>");
        if (post.Caption is { } caption)
        {
            w.Raw("<p class=\"caption\">").Text(caption).Raw("</p>");
        }

        if (view.Hashtags.Count > 0)
        {
            w.Raw("<ul class=\"tags\" aria-label=\"Hashtags\">");
            foreach (var tag in view.Hashtags)
            {
                w.Raw("<li><a href=\"/tags/").Segment(tag).Raw("\">#").Text(tag).Raw("</a></li>");
            }

            w.Raw("</ul>");
        }

        w.Raw("<p class=\"stats\" id=\"post-stats\"><span><span aria-hidden=\"true\">♥ </span><strong>").Number(post.LikeCount)
            .Raw(post.LikeCount == 1 ? "</strong> like</span> " : "</strong> likes</span> ")
            .Raw("<span><span class=\"i-c\" aria-hidden=\"true\"></span> <strong>").Number(post.CommentCount)
            .Raw(post.CommentCount == 1 ? "</strong> comment</span></p></div></article>" : "</strong> comments</span></p></div></article>");
    }

    private static void Image(HtmlWriter w, MediaRecord image, WebMedia media, string alt, bool first)
    {
        var (width, height) = image.FullWidth > 0 ? (image.FullWidth, image.FullHeight) : (image.Width, image.Height);
        w.Raw("<img src=\"").Text(media.Local(image.Id, "full")).Raw('"');
        if (image.FeedWidth > 0 && image.FeedWidth < width)
        {
            // The feed variant (1080 px) is plenty for most screens; the full one for wide, dense ones.
            w.Raw(" srcset=\"").Text(media.Local(image.Id, "feed")).Raw(' ').Number(image.FeedWidth).Raw("w, ")
                .Text(media.Local(image.Id, "full")).Raw(' ').Number(width).Raw("w\" sizes=\"(max-width: 792px) 100vw, 760px\"");
        }

        w.Raw(" width=\"").Number(width).Raw("\" height=\"").Number(height).Raw("\" alt=\"").Text(alt)
            .Raw(first ? "\" fetchpriority=\"high\"" : "\" loading=\"lazy\"").Raw(" decoding=\"async\"");
        if (WebMedia.SafeColor(image.DominantColor) is { } color)
        {
            w.Raw(" style=\"background-color:").Raw(color).Raw('"');
        }

        w.Raw('>');
    }
}
