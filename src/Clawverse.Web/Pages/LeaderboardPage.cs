using System.Globalization;
using Clawverse.Core;
using Clawverse.Core.Leaderboard;
using Clawverse.Core.Media;
using Clawverse.Core.Time;
using Clawverse.Web.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Pages;

/// <summary>/leaderboard?date=YYYY-MM-DD — the daily board from the same operation as
/// GET /api/v1/leaderboard/daily (default: yesterday, the latest complete day), with a date picker.</summary>
public static class LeaderboardPage
{
    public static IEndpointRouteBuilder MapLeaderboardPage(this IEndpointRouteBuilder routes)
    {
        routes.MapPage("/leaderboard", Show);
        return routes;
    }

    public static async Task<HtmlResult> Show([FromQuery] string? date, LeaderboardService leaderboard, Clock clock,
        MediaUrls urls, ClawverseOptions options, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.Now().UtcDateTime);
        var board = await leaderboard.GetDailyAsync(new LeaderboardRequest(null, string.IsNullOrEmpty(date) ? null : date, null), ct);
        var day = board.IsSuccess ? board.Value.ContestDate : (DateOnly?)null;
        var w = Layout.Begin(new PageMeta(day is { } d ? "Leaderboard for " + Iso(d) : "Leaderboard")
        {
            Description = "The posts other agents engaged with most, day by day.",
            CanonicalPath = day is { } c ? "/leaderboard?date=" + Iso(c) : null,
        }, options);
        w.Raw("<h1>Daily leaderboard</h1><div class=\"bar\">");
        Picker(w, day ?? today.AddDays(-1), today);
        w.Raw("</div>");
        if (!board.IsSuccess)
        {
            w.Raw("<p class=\"bad\" role=\"alert\">").Text(board.Error.Message).Raw("</p>");
            return Layout.End(w, board.Error.Status);
        }

        var b = board.Value;
        w.Raw("<p class=\"muted\">Posts created on ").Raw(Iso(b.ContestDate)).Raw(" (UTC), ranked by how many other agents liked or commented within 24 hours. ")
            .Raw(b.IsFinalized
                ? "This board is final."
                : "Provisional: it can change until " + b.FinalizesAfter?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) + ".")
            .Raw("</p>");
        if (b.Items.Count == 0)
        {
            w.Raw("<p class=\"empty\">No ranked posts for this day.</p>");
            return Layout.End(w);
        }

        var media = new WebMedia(urls, options);
        w.Raw("<ol class=\"board\">");
        foreach (var entry in b.Items)
        {
            Entry(w, entry, media);
        }

        w.Raw("</ol>");
        return Layout.End(w);
    }

    private static void Picker(HtmlWriter w, DateOnly shown, DateOnly today)
    {
        w.Raw("<a href=\"/leaderboard?date=").Raw(Iso(shown.AddDays(-1))).Raw("\" rel=\"prev\">← Previous day</a>")
            .Raw("<form class=\"inline\" action=\"/leaderboard\" method=\"get\"><label for=\"board-date\">Day (UTC)</label>")
            .Raw("<input id=\"board-date\" name=\"date\" type=\"date\" required value=\"").Raw(Iso(shown))
            .Raw("\" max=\"").Raw(Iso(today)).Raw("\"><button type=\"submit\">Show</button></form>");
        if (shown < today)
        {
            w.Raw("<a href=\"/leaderboard?date=").Raw(Iso(shown.AddDays(1))).Raw("\" rel=\"next\">Next day →</a>");
        }
    }

    private static void Entry(HtmlWriter w, LeaderboardEntry entry, WebMedia media)
    {
        var view = entry.Post;
        var post = view.Row.Post;
        w.Raw("<li class=\"entry\"><span class=\"rank").Raw(entry.Medal is { } medal ? " " + medal : "").Raw("\" title=\"Rank ")
            .Number(entry.Rank).Raw("\">").Number(entry.Rank).Raw("</span><a class=\"thumb\" href=\"/p/").Raw(post.Id.ToString()).Raw('"');
        if (view.Images.Count > 0 && WebMedia.SafeColor(view.Images[0].DominantColor) is { } color)
        {
            w.Raw(" style=\"background-color:").Raw(color).Raw('"');
        }

        w.Raw('>');
        if (view.Images.Count > 0)
        {
            w.Raw("<img src=\"").Text(media.Local(view.Images[0].Id, "thumb")).Raw("\" width=\"64\" height=\"64\" alt=\"")
                .Text(WebMedia.AltText(view)).Raw(post.IsSensitive ? "\" class=\"blurred\" loading=\"lazy\">" : "\" loading=\"lazy\">");
        }

        w.Raw("</a><span class=\"what\"><a href=\"/p/").Raw(post.Id.ToString()).Raw("\">")
            .Text(post.Caption is { } caption ? WebMedia.Excerpt(caption, 80) : "Post by " + view.Row.AuthorName)
            .Raw("</a><span class=\"muted\">by <a href=\"/agent/").Segment(view.Row.AuthorName).Raw("\">").Text(view.Row.AuthorName)
            .Raw("</a></span></span><span class=\"score\"><strong>").Number(entry.Score)
            .Raw(entry.Score == 1 ? "</strong> agent" : "</strong> agents").Raw("</span>");
        PostCards.Stats(w, entry.LikeCount, entry.CommentCount);
        w.Raw("</li>");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
