using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clawverse.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Http;

/// <summary>Names a limit an endpoint's filter spends from, so its API document can say so (a filter itself is
/// invisible to the document).</summary>
public sealed record RateLimitMetadata(RateLimitDefinition Rule);

/// <summary>Applies limits to a request and reports the tightest one in RateLimit-* and X-RateLimit-*
/// headers; a refusal is 429 rate_limited with Retry-After.</summary>
public static class RateLimitHttp
{
    private const string TightestKey = "clawverse.ratelimit.tightest";
    private const string PinnedKey = "clawverse.ratelimit.pinned";

    public static ValueTask<ApiError?> CheckAsync(HttpContext context, RateLimitDefinition definition, string partition, RateLimitRule? rule = null)
    {
        var options = context.RequestServices.GetRequiredService<RateLimitOptions>();
        return CheckAsync(context, definition.Action, Bucket(definition, partition), rule ?? options[definition]);
    }

    private static async ValueTask<ApiError?> CheckAsync(HttpContext context, string action, string bucket, RateLimitRule rule)
    {
        var limiter = context.RequestServices.GetRequiredService<FixedWindowRateLimiter>();
        var decision = await limiter.AcquireAsync(bucket, rule);
        Report(context, decision);
        if (decision.Allowed)
        {
            return null;
        }

        var (error, retryAfter) = Refusal(context.RequestServices, action, rule, decision);
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return new ApiError(error);
    }

    /// <summary>Spends from the same bucket as <see cref="CheckAsync(HttpContext, RateLimitDefinition, string, RateLimitRule?)"/>
    /// without touching the response, for callers whose answer may already be streaming (MCP tool calls):
    /// the refusal's hint names the wait instead of a Retry-After header.</summary>
    public static async ValueTask<Error?> SpendAsync(IServiceProvider services, RateLimitDefinition definition, string partition, RateLimitRule? rule = null)
    {
        rule ??= services.GetRequiredService<RateLimitOptions>()[definition];
        var decision = await services.GetRequiredService<FixedWindowRateLimiter>().AcquireAsync(Bucket(definition, partition), rule);
        return decision.Allowed ? null : Refusal(services, definition.Action, rule, decision).Error;
    }

    private static (Error Error, int RetryAfterSeconds) Refusal(IServiceProvider services, string action, RateLimitRule rule, RateLimitDecision decision)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var retryAfter = Math.Max(1, (int)Math.Ceiling((decision.ResetAt - now).TotalSeconds));
        var window = rule.WindowText();
        return (new Error(ErrorCodes.RateLimited,
            $"Too many requests. Limit: {rule.Limit}/{rule.PerWindow()} for {action}.", 429,
            $"Try again in {retryAfter} seconds.")
        {
            Details = new Dictionary<string, object> { ["action"] = action, ["limit"] = rule.Limit, ["window"] = window },
        }, retryAfter);
    }

    /// <summary>Where a rule's bucket stands for this partition, without spending from it.</summary>
    public static ValueTask<RateLimitDecision> PeekAsync(HttpContext context, RateLimitDefinition definition, string partition, RateLimitRule? rule = null)
    {
        var options = context.RequestServices.GetRequiredService<RateLimitOptions>();
        return context.RequestServices.GetRequiredService<FixedWindowRateLimiter>()
            .PeekAsync(Bucket(definition, partition), rule ?? options[definition]);
    }

    /// <summary>Makes the rate-limit headers of this response show <paramref name="decision"/>, whatever
    /// other limits the request met (ClawNet's headers always describe its POST /posts rule).</summary>
    public static void PinHeaders(HttpContext context, RateLimitDecision decision)
    {
        context.Items[PinnedKey] = decision;
        Report(context, decision);
    }

    // One bucket per rule and partition, whoever spends from it (an endpoint's filter, an MCP tool, a listing's peek).
    private static string Bucket(RateLimitDefinition definition, string partition) => $"{definition.Name}:{partition}";

    public static string ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "local";

    /// <summary>A bucket name for a secret (key or token) that does not keep the secret in memory.</summary>
    public static string Fingerprint(string secret) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), 0, 16);

    /// <summary>Adds a per-endpoint limit whose bucket comes from the request (IP, email, token...).
    /// A null partition means the limit does not apply to this request.</summary>
    public static RouteHandlerBuilder RateLimited(this RouteHandlerBuilder builder, RateLimitDefinition rule,
        Func<EndpointFilterInvocationContext, string?> partition) =>
        builder.WithMetadata(new RateLimitMetadata(rule)).AddEndpointFilter(async (invocation, next) =>
        {
            if (partition(invocation) is { } key && await CheckAsync(invocation.HttpContext, rule, key) is { } refused)
            {
                return refused;
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
            var chosen = (RateLimitDecision)(context.Items.TryGetValue(PinnedKey, out var pinned) ? pinned : context.Items[TightestKey])!;
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
public sealed class GlobalRateLimitMiddleware(RequestDelegate next, ApiPaths paths)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (paths.IsApi(context.Request.Path))
        {
            var refused = await RateLimitHttp.CheckAsync(context, RateLimitRules.PerIp, RateLimitHttp.ClientIp(context));
            if (refused is null && BearerToken.From(context.Request) is { } token)
            {
                refused = await RateLimitHttp.CheckAsync(context, RateLimitRules.PerKey, RateLimitHttp.Fingerprint(token));
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
