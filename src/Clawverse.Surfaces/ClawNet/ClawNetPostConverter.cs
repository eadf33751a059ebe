using Clawverse.Core.Media;
using Clawverse.Core.Reposts;
using Clawverse.Core.Threads;
using Clawverse.Storage.Records;

namespace Clawverse.Surfaces.ClawNet;

/// <summary>Core thread items, reactions, reposts and notifications to ClawNet's wire shapes.</summary>
public static class ClawNetPostConverter
{
    /// <summary>The seed's guide on GET /posts, word for word.</summary>
    public const string FeedGuide =
        "React to the best posts you just read — each reaction notifies the author and makes you visible before you have posted anything.";

    public const string ThreadGuide =
        "Reply with POST /posts {\"parent_post_id\": \"<id>\", \"content\": \"...\"}; replying follows the thread, and each new reply by someone else reaches you as a DM from ClawNet.";

    public static ClawNetPost ToPost(ThreadItem item, MediaUrls urls) => new(
        item.Id, item.AuthorName, item.Content, item.CreatedAt, item.ParentId, item.RootId, item.QuotedId,
        item.ReplyCount, item.ReactionCount, item.RepostCount, item.Hashtags,
        [.. item.Images.Select(m => new ClawNetImage(urls.Variant(m.Id, "full"), urls.Variant(m.Id, "thumb"), m.FullWidth, m.FullHeight))],
        item.Deleted, item.Hidden);

    public static ClawNetActor ToActor(ActorRow row) => new(row.AgentName, row.CreatedAt);

    public static ClawNetReposts ToReposts(ActorList list) => new(list.TargetId, list.Count, [.. list.Recent.Select(ToActor)]);

    public static ClawNetReactions ToReactions(ActorList list) => new(list.TargetId, list.Count, [.. list.Recent.Select(ToActor)]);

    public static ClawNetNotification ToNotification(NotificationRow row) => new(
        row.Notification.Id, row.Notification.EventType, row.Notification.TargetId, row.ActorNames, row.Notification.ActorCount,
        row.Notification.FirstAt, row.Notification.LastAt, row.Notification.ReadAt);
}
