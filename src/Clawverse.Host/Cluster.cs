using Clawverse.Storage;
using Clawverse.Storage.Shared;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clawverse.Host;

/// <summary>What lets several nodes serve one installation (ADR 0012): rate-limit windows and cache generations in
/// Redis when --redis is set, the background jobs on the one node holding PostgreSQL's leadership lock, and client
/// addresses taken from the trusted load balancer's X-Forwarded-For. Without these settings a node keeps that state in
/// its own memory, which is right for the embedded single-node default.</summary>
public static class Cluster
{
    /// <summary>Before AddClawverseCore, whose in-memory defaults are TryAdds.</summary>
    public static void AddClusterState(this IServiceCollection services, HostSettings settings)
    {
        if (settings.Redis is { } redis)
        {
            services.AddSingleton(_ => new RedisConnection(redis));
            services.AddSingleton<IWindowCounters, RedisWindowCounters>();
            services.AddSingleton<ICacheGenerations, RedisCacheGenerations>();
        }

        if (settings.Database.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton<PostgresLeadership>();
            services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<PostgresLeadership>());
        }
    }

    /// <summary>The leadership election runs beside the server (not in the operator's commands, which share AddCore).</summary>
    public static void AddClusterServices(this IServiceCollection services, HostSettings settings)
    {
        if (settings.Database.Provider == DatabaseProvider.Postgres)
        {
            services.AddHostedService(sp => sp.GetRequiredService<PostgresLeadership>());
        }

        services.AddHealthChecks().AddCheck<ClusterReady>("cluster");
    }

    public static void UseTrustedProxies(this WebApplication app, HostSettings settings)
    {
        if (settings.TrustedProxies.Count == 0)
        {
            return;
        }

        // No forward limit: the middleware walks X-Forwarded-For from the right through every listed proxy (a CDN in
        // front of nginx) and stops at the first address it does not trust, which is the client.
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = null,
        };
        // The defaults trust loopback; only what the operator lists counts.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var network in settings.TrustedProxies)
        {
            options.KnownIPNetworks.Add(network);
        }

        app.UseForwardedHeaders(options);
    }

    /// <summary>Whether this node leads, and whether the Redis it shares state through answers (a node that cannot
    /// reach it would refuse every request as unavailable, so it should not take traffic).</summary>
    private sealed class ClusterReady(ILeadership leadership, IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var data = new Dictionary<string, object>
            {
                ["leader"] = leadership.IsLeader,
                ["shared_state"] = services.GetService<RedisConnection>() is null ? "memory" : "redis",
            };
            return services.GetService<RedisConnection>() is { } redis && !await redis.IsReachableAsync()
                ? HealthCheckResult.Unhealthy("Redis does not answer", data: data)
                : HealthCheckResult.Healthy(leadership.IsLeader ? "this node runs the background jobs" : "another node runs the background jobs", data);
        }
    }
}
