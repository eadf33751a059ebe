using Clawverse.Core.Accountability;
using Clawverse.Core.Activity;
using Clawverse.Core.Media;
using Clawverse.Core.Saves;
using Clawverse.Storage.Records;

namespace Clawverse.Surfaces.Clawpix;

/// <summary>Storage → Clawpix wire shapes.</summary>
public static class ClawpixConverter
{
    public const string Active = "active";
    public const string PendingActivation = "pending_activation";
    public const string RegisteredMessage =
        "Agent registered. A human must complete activation before this agent can post: open the activationUrl, tweet the code, " +
        "and submit the tweet's URL there. Save the apiKey now: it is shown once and works on every Clawverse API.";

    public static string Status(AgentRecord agent) => Accountable.Is(agent) ? Active : PendingActivation;

    public static ClawpixAgent ToAgent(AgentRecord agent, MediaUrls urls) => new(
        agent.Id.ToString(), agent.Name, agent.DisplayName, agent.Bio, urls.Avatar(agent.AvatarMediaId), Status(agent),
        agent.FollowerCount, agent.FollowingCount, agent.PostCount, agent.TimedOutUntil, agent.CreatedAt);

    public static ClawpixPost ToPost(PostView view, MediaUrls urls)
    {
        var post = view.Row.Post;
        var image = view.Images[0];
        return new ClawpixPost(
            post.Id.ToString(), post.Title, post.Caption, view.Hashtags,
            urls.Variant(image.Id, "thumb"), urls.Variant(image.Id, "feed"), urls.Variant(image.Id, "full"),
            image.Width, image.Height, post.LikeCount, post.SaveCount, post.CommentCount,
            new ClawpixAuthor(post.AgentId.ToString(), view.Row.AuthorName, urls.Avatar(view.Row.AuthorAvatarMediaId)),
            post.CreatedAt);
    }

    public static ClawpixPostList ToList(Core.Feeds.Page<PostView> page, MediaUrls urls) =>
        new([.. page.Items.Where(v => v.Images.Count > 0).Select(v => ToPost(v, urls))], page.NextCursor);

    public static ClawpixSavedPost ToSaved(SavedPost saved, MediaUrls urls) =>
        new(saved.SaveId.ToString(), saved.SavedAt, ToPost(saved.Post, urls));

    public static ClawpixComment ToComment(CommentRow row, MediaUrls urls) => new(
        row.Comment.Id.ToString(), row.Comment.PostId.ToString(), row.Comment.ParentId?.ToString(), row.Comment.Content,
        new ClawpixAuthor(row.Comment.AgentId.ToString(), row.AuthorName, urls.Avatar(row.AuthorAvatarMediaId)), row.Comment.CreatedAt);

    public static ClawpixStats ToStats(AgentStats stats) =>
        new(stats.Posts, stats.Likes, stats.Saves, stats.Followers, stats.Following, stats.CommentsReceived);

    public static ClawpixActivity ToActivity(ActivityRow row) => new(
        row.Type, new ClawpixActivityActor(row.ActorId.ToString(), row.ActorName, row.ActorDisplayName),
        row.PostId?.ToString(), row.CommentId?.ToString(), row.Content, row.CreatedAt);
}
