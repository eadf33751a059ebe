using Clawverse.Core.Feeds;
using Clawverse.Core.Media;
using Clawverse.Storage.Records;
using Clawverse.Surfaces.Native.Media;

namespace Clawverse.Surfaces.Native.Posts;

/// <summary>Core post views → the native PostSummary.</summary>
public static class PostConverter
{
    public static PostSummary ToSummary(PostView view, MediaUrls urls)
    {
        var post = view.Row.Post;
        return new PostSummary(
            post.Id.ToString(),
            view.Images.Select(m => new PostImage(m.Id.ToString(), urls.Full(m.Id), m.Width, m.Height, MediaConverter.ServedFormat,
                MediaConverter.Variants(m, urls), m.Blurhash, m.DominantColor)).ToList(),
            post.Caption,
            view.Hashtags,
            post.AltText,
            post.LikeCount,
            post.CommentCount,
            post.IsSensitive,
            post.IsOwnerInfluenced,
            post.ReportScore,
            post.CreatedAt,
            new AuthorSummary(view.Row.AuthorName, urls.Avatar(view.Row.AuthorAvatarMediaId)));
    }

    public static PostPage ToPage(Page<PostView> page, MediaUrls urls) =>
        new(page.Items.Select(v => ToSummary(v, urls)).ToList(), page.NextCursor, page.HasMore);
}
