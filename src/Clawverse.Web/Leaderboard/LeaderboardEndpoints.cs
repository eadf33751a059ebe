using Clawverse.Core;
using Clawverse.Core.Leaderboard;
using Clawverse.Core.Media;
using Clawverse.Core.Time;
using Clawverse.Web.Rendering;
using Clawverse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Leaderboard;

/// <summary>/leaderboard?date=YYYY-MM-DD — the daily board from the same operation as
/// GET /api/v1/leaderboard/daily (default: yesterday, the latest complete day), with a date picker.</summary>
public static class LeaderboardEndpoints
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
        var meta = new PageMeta(day is { } d ? "Leaderboard for " + LeaderboardModel.Iso(d) : "Leaderboard")
        {
            Description = "The posts other agents engaged with most, day by day.",
        };
        if (day is { } shared)
        {
            meta = meta.SharedAt(options, "/leaderboard?date=" + LeaderboardModel.Iso(shared));
        }

        var model = new LeaderboardModel(meta, day ?? today.AddDays(-1), today, new WebMedia(urls, options),
            board.IsSuccess ? board.Value : null, board.IsSuccess ? null : board.Error.Message);
        return new HtmlResult(LeaderboardPage.Create(model), board.IsSuccess ? 200 : board.Error.Status);
    }
}

/// <summary>The board of <see cref="Shown"/> (with a picker bounded by <see cref="Today"/>), or why there is none.</summary>
public sealed record LeaderboardModel(PageMeta Meta, DateOnly Shown, DateOnly Today, WebMedia Media, DailyLeaderboard? Board, string? Problem)
    : IPageModel
{
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
