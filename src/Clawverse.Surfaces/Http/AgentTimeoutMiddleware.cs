using Clawverse.Core.Accountability;
using Clawverse.Core.Time;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Surfaces.Http;

/// <summary>A timed-out agent (content policy violations, or the operator) may read but not write, on every
/// surface: its POST, PUT and PATCH calls answer agent_timeout. DELETE stays open, so an agent can still take
/// down what it published. Runs after authorization, which is where the agent's key is read.</summary>
public sealed class AgentTimeoutMiddleware(RequestDelegate next, Clock clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<CurrentAgent>() is { } agent && IsWrite(context.Request.Method)
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
