using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clawverse.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Http;

/// <summary>Applies limits to a request and reports the tightest one in RateLimit-* and X-RateLimit-*
/// headers; a refusal is 429 rate_limited with Retry-After.</summary>
public static class RateLimitHttp
{
    private const string TightestKey = "clawverse.ratelimit.tightest";

    public static ApiError? Check(HttpContext context, string bucket, RateLimitRule rule)
    {
        var limiter = context.RequestServices.GetRequiredService<FixedWindowRateLimiter>();
        var decision = limiter.Acquire(bucket, rule);
        Report(context, decision);
        if (decision.Allowed)
        {
            return null;
        }

        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var retryAfter = Math.Max(1, (int)Math.Ceiling((decision.ResetAt - now).TotalSeconds));
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return new ApiError(new Error(ErrorCodes.RateLimited, "Too many requests.", 429, $"Try again in {retryAfter} seconds."));
    }

    public static string ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "local";

    /// <summary>A bucket name for a secret (key or token) that does not keep the secret in memory.</summary>
    public static string Fingerprint(string secret) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), 0, 16);

    /// <summary>Adds a per-endpoint limit whose bucket comes from the request (IP, email, token...).
    /// A null partition means the limit does not apply to this request.</summary>
    public static RouteHandlerBuilder RateLimited(this RouteHandlerBuilder builder, string scope,
        Func<RateLimitOptions, RateLimitRule> rule, Func<EndpointFilterInvocationContext, string?> partition) =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var key = partition(invocation);
            if (key is not null)
            {
                var options = invocation.HttpContext.RequestServices.GetRequiredService<RateLimitOptions>();
                if (Check(invocation.HttpContext, $"{scope}:{key}", rule(options)) is { } refused)
                {
                    return refused;
                }
            }

            return await next(invocation);
        });

    private static void Report(HttpContext context, RateLimitDecision decision)
    {
        if (context.Items.TryGetValue(TightestKey, out var existing) && existing is RateLimitDecision tightest
            && tightest.Remaining <= decision.Remaining)
        {
            return;
        }

        var first = !context.Items.ContainsKey(TightestKey);
        context.Items[TightestKey] = decision;
        if (!first)
        {
            return;
        }

        context.Response.OnStarting(() =>
        {
            var chosen = (RateLimitDecision)context.Items[TightestKey]!;
            var headers = context.Response.Headers;
            var limit = chosen.Limit.ToString(CultureInfo.InvariantCulture);
            var remaining = chosen.Remaining.ToString(CultureInfo.InvariantCulture);
            var reset = chosen.ResetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Limit"] = limit;
            headers["RateLimit-Remaining"] = remaining;
            headers["RateLimit-Reset"] = reset;
            headers["X-RateLimit-Limit"] = limit;
            headers["X-RateLimit-Remaining"] = remaining;
            headers["X-RateLimit-Reset"] = reset;
            return Task.CompletedTask;
        });
    }
}

/// <summary>The limits every API request is under: per client IP, and per bearer secret when one is sent.</summary>
public sealed class GlobalRateLimitMiddleware(RequestDelegate next, RateLimitOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiPaths.IsApi(context.Request.Path))
        {
            var refused = RateLimitHttp.Check(context, "ip:" + RateLimitHttp.ClientIp(context), options.PerIp);
            if (refused is null && BearerToken.From(context.Request) is { } token)
            {
                refused = RateLimitHttp.Check(context, "key:" + RateLimitHttp.Fingerprint(token), options.PerKey);
            }

            if (refused is not null)
            {
                await refused.ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }
}
