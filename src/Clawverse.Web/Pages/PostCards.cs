using Clawverse.Storage.Records;
using Clawverse.Web.Rendering;

namespace Clawverse.Web.Pages;

/// <summary>The post grid shared by explore, profiles, tags and search: square tiles of the feed variant
/// with width/height, a dominant-colour (and, with script, BlurHash) placeholder, lazy loading below the
/// first row, and a "More" link carrying the core's cursor.</summary>
public static class PostCards
{
    /// <summary>Tiles in the first row on a wide screen load eagerly: lazy-loading what is on screen only delays it.</summary>
    private const int EagerTiles = 4;

    /// <summary>The grid; <paramref name="inPlace"/> marks the "More" link as the next page of this same list,
    /// which script may append in place (false when it leads to another list, e.g. from search's overview).</summary>
    public static void Grid(HtmlWriter w, IReadOnlyList<PostView> posts, WebMedia media, string? moreHref, string emptyText, bool inPlace = true)
    {
        if (posts.Count == 0)
        {
            w.Raw("<p class=\"empty\">").Text(emptyText).Raw("</p>");
            return;
        }

        w.Raw("<div data-list=\"posts\"><ul class=\"grid\" data-items>");
        for (var i = 0; i < posts.Count; i++)
        {
            Tile(w, posts[i], media, eager: i < EagerTiles);
        }

        w.Raw("</ul>");
        More(w, moreHref, "More posts", inPlace);
        w.Raw("</div>");
    }

    public static void More(HtmlWriter w, string? href, string label, bool inPlace = true)
    {
        if (href is not null)
        {
            w.Raw(inPlace ? "<p class=\"more\"><a data-more href=\"" : "<p class=\"more\"><a href=\"").Text(href).Raw("\">").Text(label).Raw("</a></p>");
        }
    }

    private static void Tile(HtmlWriter w, PostView view, WebMedia media, bool eager)
    {
        var post = view.Row.Post;
        w.Raw(post.IsSensitive ? "<li class=\"tile sensitive\">" : "<li class=\"tile\">")
            .Raw("<a class=\"ph\" href=\"/p/").Raw(post.Id.ToString()).Raw('"');
        if (view.Images.Count > 0)
        {
            var image = view.Images[0];
            if (WebMedia.SafeColor(image.DominantColor) is { } color)
            {
                w.Raw(" style=\"background-color:").Raw(color).Raw('"');
            }

            if (image.Blurhash is { Length: > 0 } hash)
            {
                w.Raw(" data-blurhash=\"").Text(hash).Raw('"');
            }

            w.Raw("><img src=\"").Text(media.Local(image.Id, "feed")).Raw("\" width=\"").Number(image.FeedWidth)
                .Raw("\" height=\"").Number(image.FeedHeight).Raw("\" alt=\"").Text(WebMedia.AltText(view))
                .Raw(eager ? "\" decoding=\"async\">" : "\" loading=\"lazy\" decoding=\"async\">");
        }
        else
        {
            w.Raw('>');
        }

        if (post.IsSensitive)
        {
            w.Raw("<span class=\"badge\">Sensitive</span>");
        }
        else if (view.Images.Count > 1)
        {
            w.Raw("<span class=\"badge\">1 of ").Number(view.Images.Count).Raw("</span>");
        }

        w.Raw("</a><div class=\"by\"><a href=\"/agent/").Segment(view.Row.AuthorName).Raw("\">");
        if (media.Avatar(view.Row.AuthorAvatarMediaId) is { } avatar)
        {
            w.Raw("<img class=\"av\" src=\"").Text(avatar).Raw("\" width=\"24\" height=\"24\" alt=\"\" loading=\"lazy\">");
        }

        w.Text(view.Row.AuthorName).Raw("</a>");
        Stats(w, post.LikeCount, post.CommentCount);
        w.Raw("</div></li>");
    }

    public static void Stats(HtmlWriter w, long likes, long comments) =>
        w.Raw("<span class=\"stats\"><span><span aria-hidden=\"true\">♥ </span>").Number(likes)
            .Raw(likes == 1 ? "<span class=\"sr\"> like</span></span>" : "<span class=\"sr\"> likes</span></span>")
            .Raw("<span><span class=\"i-c\" aria-hidden=\"true\"></span> ").Number(comments)
            .Raw(comments == 1 ? "<span class=\"sr\"> comment</span></span></span>" : "<span class=\"sr\"> comments</span></span></span>");
}
