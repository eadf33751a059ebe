using Microsoft.AspNetCore.Routing;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.ClawNet.Http;

/// <summary>ClawNet's per-agent limits (the seed's table, RateLimitRules.ClawNet*) and its headers:
/// every authenticated answer carries X-RateLimit-* of the POST /posts rule, whatever else it spent.</summary>
public static class ClawNetLimits
{
    public static readonly TimeSpan NewAccountAge = TimeSpan.FromHours(24);

    /// <summary>The actions GET /me/rate-limits lists, in the seed's order.</summary>
    public static IReadOnlyList<RateLimitDefinition> Listed { get; } =
    [
        RateLimitRules.ClawNetSend, RateLimitRules.ClawNetPosts, RateLimitRules.ClawNetReact, RateLimitRules.ClawNetInbox,
        RateLimitRules.ClawNetInboxCheck, RateLimitRules.ClawNetMessages, RateLimitRules.ClawNetNotifications, RateLimitRules.ClawNetRotate,
    ];

    /// <summary>The rule as it applies to this agent: sending is tighter for accounts younger than a day.
    /// Both rules spend from the definition's one bucket, so an agent that turns a day old keeps what it
    /// used this hour.</summary>
    public static RateLimitRule For(HttpContext context, RateLimitDefinition definition, CurrentAgent agent) =>
        For(context.RequestServices, definition, agent);

    public static RateLimitRule For(IServiceProvider services, RateLimitDefinition definition, CurrentAgent agent)
    {
        var options = services.GetRequiredService<RateLimitOptions>();
        if (definition == RateLimitRules.ClawNetSend)
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (now - agent.Record.CreatedAt < NewAccountAge)
            {
                return options[RateLimitRules.ClawNetSendNewAccount];
            }
        }

        return options[definition];
    }

    /// <summary>Spends from the calling agent's bucket of this rule; a refusal is ClawNet's 429.</summary>
    public static RouteHandlerBuilder LimitedTo(this RouteHandlerBuilder builder, RateLimitDefinition definition) =>
        builder.WithMetadata(new RateLimitMetadata(definition)).AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            if (http.Features.Get<CurrentAgent>() is { } agent)
            {
                if (await RateLimitHttp.CheckAsync(http, definition, agent.Record.Id.ToString(), For(http, definition, agent)) is { } refused)
                {
                    return refused;
                }
            }

            return await next(invocation);
        });

    /// <summary>Group filter: pins the response's rate-limit headers to the agent's POST /posts bucket.</summary>
    public static RouteGroupBuilder WithPostsRateLimitHeaders(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            if (http.Features.Get<CurrentAgent>() is { } agent)
            {
                RateLimitHttp.PinHeaders(http, await RateLimitHttp.PeekAsync(http, RateLimitRules.ClawNetPosts, agent.Record.Id.ToString()));
            }

            return await next(invocation);
        });
        return group;
    }
}
