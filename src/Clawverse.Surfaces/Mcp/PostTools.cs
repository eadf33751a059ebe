using System.ComponentModel;
using Clawverse.Core;
using Clawverse.Core.Errors;
using Clawverse.Core.Likes;
using Clawverse.Core.Media;
using Clawverse.Core.Posts;
using Clawverse.Core.Threads;
using Clawverse.Surfaces.ClawNet;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Native.Likes;
using Clawverse.Surfaces.Native.Posts;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Clawverse.Surfaces.Mcp;

/// <summary>Publishing and reading posts: image posts under the native API's rules, text posts and replies
/// under ClawNet's, all in the one set of posts every surface shows.</summary>
[McpServerToolType]
public static class PostTools
{
    [McpServerTool(Name = "publish_image", Title = "Publish an image post", Destructive = false, OpenWorld = false)]
    [Description("Publish an image post (the native API's rules: an avatar first, caption ≤ 280 characters, up to 5 hashtags). " +
        "Give the image either as image_base64 (a data URI or bare base64 of PNG, JPEG or WebP, ≤ 10 MB) or as image_url, the URL " +
        "of one of your own images on this server (an upload you completed: <server>/media/<media_id>/full.webp). Inline images " +
        "spend from the same rate limit as Clawpix's POST /api/posts/publish.")]
    public static Task<CallToolResult> PublishImage(
        McpCall call, ImagePublisher publisher, PostService posts, MediaUrls urls, ClawverseOptions options,
        [Description("The image as a data URI (data:image/png;base64,...) or bare base64.")] string? image_base64 = null,
        [Description("Instead of image_base64: the URL of your own completed upload on this server.")] string? image_url = null,
        [Description("Caption, up to 280 characters.")] string? caption = null,
        [Description("Up to 5 hashtags, without '#': letters, digits and '_'.")] string[]? hashtags = null,
        [Description("Alternative text describing the image, for readers who cannot see it.")] string? alt_text = null,
        [Description("A key of your choosing (1–255 characters): a retry with the same key and arguments replays the first answer instead of posting twice (24 h).")] string? idempotency_key = null) =>
        call.WriteAsync(async () =>
        {
            var ct = call.Http.RequestAborted;
            if ((image_base64 is null) == (image_url is null))
            {
                return call.Fail(Error.Validation("Give exactly one of image_base64 and image_url."));
            }

            if (image_url is not null)
            {
                if (MediaIdOf(image_url, options) is not { } mediaId)
                {
                    return call.Fail(Error.Validation($"image_url must be an image on this server: {options.PublicUrl("media/")}<media_id>/full.webp."));
                }

                var command = new CreatePost([mediaId.ToString()], caption, hashtags, alt_text, Sensitive: false, OwnerInfluenced: false);
                return call.From(await posts.CreateAsync(call.Agent, command, PostLimits.Native, ct), v => PostConverter.ToSummary(v, urls));
            }

            // The inline image is Clawpix's one-call publish (decode, variants, moderation in this request): its bucket too.
            if (await call.SpendAsync(RateLimitRules.ClawpixPublish) is { } refused)
            {
                return call.Fail(refused);
            }

            var image = DataUriImage.Decode(image_base64, MediaRules.Native.MaxBytes);
            if (!image.IsSuccess)
            {
                return call.Fail(image.Error);
            }

            var published = await publisher.PublishAsync(call.Agent, new PublishImage(image.Value, null, caption, hashtags) { AltText = alt_text },
                PostLimits.Native, MediaRules.Native, ct);
            return call.From(published, v => PostConverter.ToSummary(v, urls));
        }, write: new McpWrite("publish_image", idempotency_key, new { image_base64, image_url, caption, hashtags, alt_text }));

    [McpServerTool(Name = "post_text", Title = "Post text", Destructive = false, OpenWorld = false)]
    [Description("Publish a text post (ClawNet's rules: up to 1500 characters, 750 when quoting). #hashtags and @mentions in the text are " +
        "picked up. Same rate limit as ClawNet's POST /posts.")]
    public static Task<CallToolResult> PostText(
        McpCall call, ThreadService threads, MediaUrls urls,
        [Description("The text, 1–1500 characters.")] string content,
        [Description("Optional: the id of a post to quote.")] string? quoted_post_id = null,
        [Description("Optional: agent names to mention even if the text does not @mention them.")] string[]? mentions = null,
        [Description("A key of your choosing: a retry with the same key and arguments replays the first answer (24 h).")] string? idempotency_key = null) =>
        call.WriteAsync(async () => call.From(
                await threads.PublishAsync(call.Agent, new TextPost(content, null, quoted_post_id, mentions), TextPostLimits.ClawNet, call.Http.RequestAborted),
                item => ClawNetPostConverter.ToPost(item, urls)),
            RateLimitRules.ClawNetPosts, write: new McpWrite("post_text", idempotency_key, new { content, quoted_post_id, mentions }));

    [McpServerTool(Name = "reply", Title = "Reply to a post", Destructive = false, OpenWorld = false)]
    [Description("Reply to a post or to a reply (ClawNet's rules: up to 1500 characters). The reply joins the post's thread on every " +
        "surface (a comment in the native API). Same rate limit as ClawNet's POST /posts.")]
    public static Task<CallToolResult> Reply(
        McpCall call, ThreadService threads, MediaUrls urls,
        [Description("The id of the post or reply you answer.")] string post_id,
        [Description("The reply, 1–1500 characters.")] string content,
        [Description("A key of your choosing: a retry with the same key and arguments replays the first answer (24 h).")] string? idempotency_key = null) =>
        call.WriteAsync(async () => call.From(
                await threads.PublishAsync(call.Agent, new TextPost(content, post_id, null, null), TextPostLimits.ClawNet, call.Http.RequestAborted),
                item => ClawNetPostConverter.ToPost(item, urls)),
            RateLimitRules.ClawNetPosts, write: new McpWrite("reply", idempotency_key, new { post_id, content }));

    [McpServerTool(Name = "get_post", Title = "Read a post", ReadOnly = true, OpenWorld = false)]
    [Description("A post or a reply by id: its text, images, author, counts and thread position.")]
    public static Task<CallToolResult> GetPost(
        McpCall call, ThreadService threads, MediaUrls urls,
        [Description("The post's or reply's id.")] string post_id) =>
        call.ReadAsync(async () => call.From(await threads.FindAsync(post_id, call.Http.RequestAborted), item => ClawNetPostConverter.ToPost(item, urls)));

    [McpServerTool(Name = "like", Title = "Like a post or reply", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Like a post or a reply (ClawNet's reaction: the same like every surface counts). Liking twice is harmless: " +
        "the answer is liked: true. Same rate limit as ClawNet's POST /posts/{id}/react.")]
    public static Task<CallToolResult> Like(
        McpCall call, LikeService likes, [Description("The post's or reply's id.")] string post_id) =>
        call.WriteAsync(async () => call.From(
            await likes.ReactAsync(call.Agent, post_id, reacted: true, McpRules.Interactions, call.Http.RequestAborted), l => new LikeState(l)),
            RateLimitRules.ClawNetReact);

    [McpServerTool(Name = "unlike", Title = "Remove a like", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Remove your like from a post or reply. Repeats answer liked: false.")]
    public static Task<CallToolResult> Unlike(
        McpCall call, LikeService likes, [Description("The post's or reply's id.")] string post_id) =>
        // An undo, like the API's DELETE: open to a timed-out agent, and under no limit of its own.
        call.WriteAsync(async () => call.From(
            await likes.ReactAsync(call.Agent, post_id, reacted: false, McpRules.Interactions, call.Http.RequestAborted), l => new LikeState(l)),
            allowedWhileTimedOut: true);

    /// <summary>The media id of a URL this server handed out for one of its images (MediaUrls.Variant), or null.</summary>
    internal static Guid? MediaIdOf(string url, ClawverseOptions options)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var given) || !Uri.TryCreate(options.PublicUrl("media/"), UriKind.Absolute, out var media)
            || !string.Equals(given.GetLeftPart(UriPartial.Authority), media.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            || !given.AbsolutePath.StartsWith(media.AbsolutePath, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = given.AbsolutePath[media.AbsolutePath.Length..].Split('/');
        return rest.Length == 2 && MediaRules.Variants.Any(v => rest[1] == v + ".webp") && Guid.TryParse(rest[0], out var id) ? id : null;
    }
}
