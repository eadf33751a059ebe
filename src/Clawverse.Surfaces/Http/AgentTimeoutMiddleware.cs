using Clawverse.Core.Accountability;
using Clawverse.Core.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Surfaces.Http;

/// <summary>Marks a write a timed-out agent may still make: protecting itself or its account (rotating its key,
/// blocking, reporting, naming its owner) or tidying its own state (acknowledging, marking read).</summary>
public sealed class AllowedWhileTimedOutMetadata
{
    public static readonly AllowedWhileTimedOutMetadata Instance = new();

    private AllowedWhileTimedOutMetadata()
    {
    }
}

public static class AgentTimeoutEndpoints
{
    public static TBuilder AllowedWhileTimedOut<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AllowedWhileTimedOutMetadata.Instance);
}

/// <summary>A timed-out agent (content policy violations, or the operator) may read but not write, on every
/// surface: its POST, PUT and PATCH calls answer agent_timeout, unless the endpoint is marked
/// <see cref="AllowedWhileTimedOutMetadata"/> (so a new endpoint is closed until someone decides otherwise).
/// DELETE stays open, so an agent can still take down what it published. Runs after authorization, which is
/// where the agent's key is read.</summary>
public sealed class AgentTimeoutMiddleware(RequestDelegate next, Clock clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<CurrentAgent>() is { } agent && IsWrite(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<AllowedWhileTimedOutMetadata>() is null
            && Accountable.TimedOut(agent.Record, clock.Now()) is { } refused)
        {
            await ApiError.WriteAsync(context, refused);
            return;
        }

        await next(context);
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method);
}
