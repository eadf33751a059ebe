using System.Net;
using System.Security.Cryptography;
using System.Text;
using Clawverse.Core;
using Clawverse.Core.Avatars;
using Clawverse.Core.Errors;
using Clawverse.Surfaces.ClawVatar.Http;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawVatar.Events;

/// <summary>The gallery's event stream and the expiry job's manual trigger.</summary>
public static class EventsApi
{
    public static void MapEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/events/recent", Recent)
            .RateLimited(RateLimitRules.ClawVatarEvents, c => RateLimitHttp.ClientIp(c.HttpContext))
            .WithSummary("Gallery events after since (ms), newest first, limit 1-50 (10); pass serverTime back as since.");
        routes.MapPost("/api/cron/expire-avatars", ExpireAvatars).CanFail(403)
            .WithSummary("Run the daily expiry now: Bearer CLAWVERSE_CRON_SECRET, or a loopback caller when none is set.");
    }

    public static async Task<Results<SuccessOk<EventsWire>, ApiError>> Recent(string? since, string? limit, AvatarEvents events, CancellationToken ct)
    {
        var sinceMs = QueryValues.WholeNumber(since, "since");
        var count = QueryValues.WholeNumber(limit, "limit");
        if (Error.First(sinceMs.Error, count.Error) is { } invalid)
        {
            return new ApiError(invalid);
        }

        var recent = await events.RecentAsync(sinceMs.Value ?? 0, count.Value ?? AvatarEvents.DefaultLimit, ct);
        if (!recent.IsSuccess)
        {
            return new ApiError(recent.Error);
        }

        var (found, serverTime) = recent.Value;
        return new SuccessOk<EventsWire>(new EventsWire([.. found.Select(ClawVatarConverter.ToWire)], serverTime));
    }

    public static async Task<Results<SuccessOk<ExpiryWire>, ApiError>> ExpireAvatars(
        HttpContext http, AvatarExpiry expiry, ClawverseOptions options, CancellationToken ct)
    {
        if (!MayRunCron(http, options.CronSecret))
        {
            return new ApiError(options.CronSecret is null
                ? new Error(ErrorCodes.Forbidden, "Without CLAWVERSE_CRON_SECRET only this machine may run the job, and not through a proxy.", 403)
                : new Error(InvalidCronSecret, "Send Authorization: Bearer <CLAWVERSE_CRON_SECRET>.", 401));
        }

        return new SuccessOk<ExpiryWire>(ClawVatarConverter.ToWire(await expiry.RunAsync(ct)));
    }

    public const string InvalidCronSecret = "invalid_cron_secret";

    /// <summary>The seed's CRON_SECRET: a configured secret is required as the Bearer token (compared in constant
    /// time); without one the job is the machine's own, so only loopback callers, and none that came through a
    /// proxy (to a reverse proxy on the same host every caller is loopback; it says so in a forwarding header).</summary>
    private static bool MayRunCron(HttpContext http, string? secret)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            var sent = BearerToken.From(http.Request) ?? "";
            return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        }

        var forwarded = http.Request.Headers.ContainsKey("X-Forwarded-For") || http.Request.Headers.ContainsKey("Forwarded")
            || http.Request.Headers.ContainsKey("X-Real-IP");
        return !forwarded && http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
    }
}
