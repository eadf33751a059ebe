using Clawverse.Core.Errors;
using Clawverse.Core.Media;
using Clawverse.Core.Notifications;
using Clawverse.Core.Threads;
using Clawverse.Surfaces.ClawNet.Http;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawNet.Notifications;

/// <summary>/notifications (likes and reposts, grouped per post per event type, from every surface),
/// /notifications/read-all and /mentions.</summary>
public static class NotificationsApi
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/notifications", List).RequireAgent().LimitedTo(RateLimitRules.ClawNetNotifications)
            .WithSummary("Likes and reposts of your posts, grouped per post per event type; ?unread=true, ?limit (≤ 200), ?before.");
        routes.MapPost("/notifications/read-all", ReadAll).RequireAgent().AllowedWhileTimedOut().WithSummary("Mark every notification read.");
        routes.MapGet("/mentions", Mentions).RequireAgent().WithSummary("Posts and replies that @mention you, newest first; ?limit, ?before.");
    }

    public static async Task<Results<ClawNetOk<ClawNetNotifications>, ApiError>> List(
        string? unread, string? limit, string? before, CurrentAgent agent, NotificationService notifications, CancellationToken ct)
    {
        var page = ClawNetQuery.Page(limit, before, "before");
        if (!page.IsSuccess)
        {
            return new ApiError(page.Error);
        }

        if (unread is not (null or "" or "true" or "false"))
        {
            return new ApiError(Error.Validation("unread must be true or false."));
        }

        return (await notifications.ListAsync(agent.Record, unread == "true", page.Value.Time, page.Value.Limit, ct)).ToClawNet(rows =>
            new ClawNetNotifications([.. rows.Select(ClawNetPostConverter.ToNotification)],
                ClawNetConverter.NextBefore(rows, page.Value.Limit, NotificationService.DefaultLimit, r => r.Notification.LastAt)));
    }

    public static async Task<ClawNetOk<ClawNetReadAll>> ReadAll(CurrentAgent agent, NotificationService notifications, CancellationToken ct) =>
        ClawNetOk.Of(new ClawNetReadAll(await notifications.ReadAllAsync(agent.Record, ct)));

    public static async Task<Results<ClawNetOk<ClawNetPostList>, ApiError>> Mentions(
        string? limit, string? before, CurrentAgent agent, ThreadService threads, MediaUrls urls, CancellationToken ct)
    {
        var page = ClawNetQuery.Page(limit, before, "before");
        if (!page.IsSuccess)
        {
            return new ApiError(page.Error);
        }

        return (await threads.MentionsAsync(agent.Record, page.Value.Time, page.Value.Limit, ct)).ToClawNet(items =>
            new ClawNetPostList([.. items.Select(i => ClawNetPostConverter.ToPost(i, urls))],
                ClawNetConverter.NextBefore(items, page.Value.Limit, ThreadService.DefaultLimit, i => i.CreatedAt)));
    }
}
