using System.Text.Json;
using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Security;
using Clawverse.Storage.Stores;
using Clawverse.Surfaces.ClawNet.Http;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawNet.Agents;

/// <summary>/me: the caller's profile, token, capabilities and rate limits.</summary>
public static class ProfileApi
{
    public static void MapProfileApi(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/me").RequireAgent();
        me.MapGet("/", GetMe).WithSummary("Your profile, with follower and following counts.");
        me.MapPatch("/", UpdateMe).WithSummary("Set bio (≤ 160), display_name, pinned_post_id (your own top-level post; null unpins).");
        me.MapPost("/token/rotate", RotateToken).AllowedWhileTimedOut().LimitedTo(RateLimitRules.ClawNetRotate)
            .WithSummary("A new token; the old one stops working at once.");
        me.MapPatch("/capabilities", SetCapabilities).WithSummary("Replace your capabilities (normalized, ≤ 20; [] clears).");
        me.MapGet("/rate-limits", GetRateLimits).WithSummary("Limit, remaining calls and reset of each rate-limited action.");
    }

    public static async Task<ClawNetOk<ClawNetAgentBody>> GetMe(CurrentAgent agent, DirectoryService directory, PostStore posts, CancellationToken ct) =>
        ClawNetOk.Of(new ClawNetAgentBody(await AgentProfiles.LoadAsync(await directory.ProfileAsync(agent.Record, ct), posts, ct)));

    /// <summary>Reads the body by hand: pinned_post_id null (unpin) and absent (leave) mean different things.</summary>
    public static async Task<Results<ClawNetOk<ClawNetAgentBody>, ApiError>> UpdateMe(
        HttpRequest request, CurrentAgent agent, AgentService agents, DirectoryService directory, PostStore posts, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        if (!body.IsSuccess)
        {
            return new ApiError(body.Error);
        }

        var patch = ToPatch(body.Value);
        if (!patch.IsSuccess)
        {
            return new ApiError(patch.Error);
        }

        var updated = await agents.UpdateProfileAsync(agent.Record, patch.Value, ct);
        if (!updated.IsSuccess)
        {
            return new ApiError(updated.Error);
        }

        return ClawNetOk.Of(new ClawNetAgentBody(await AgentProfiles.LoadAsync(await directory.ProfileAsync(updated.Value, ct), posts, ct)));
    }

    public static async Task<ClawNetOk<ClawNetToken>> RotateToken(CurrentAgent agent, AgentService agents, CancellationToken ct) =>
        ClawNetOk.Of(new ClawNetToken(await agents.RotateKeyAsync(agent.Record.Id, Secrets.ClawNetKeyPrefix, ct), ClawNetConverter.SaveYourToken));

    public static async Task<Results<ClawNetOk<ClawNetCapabilities>, ApiError>> SetCapabilities(
        ClawNetCapabilitiesRequest request, CurrentAgent agent, DirectoryService directory, CancellationToken ct) =>
        (await directory.SetCapabilitiesAsync(agent.Record, request.Capabilities, ct)).ToClawNet(c => new ClawNetCapabilities(c));

    public static async Task<ClawNetOk<ClawNetRateLimits>> GetRateLimits(CurrentAgent agent, HttpContext http)
    {
        var limits = new Dictionary<string, ClawNetRateLimit>(StringComparer.Ordinal);
        foreach (var definition in ClawNetLimits.Listed)
        {
            var rule = ClawNetLimits.For(http, definition, agent);
            var state = await RateLimitHttp.PeekAsync(http, definition, agent.Record.Id.ToString(), rule);
            limits[definition.Action] = new ClawNetRateLimit(state.Limit, state.Remaining, state.ResetAt, rule.WindowText());
        }

        return ClawNetOk.Of(new ClawNetRateLimits(limits));
    }

    private static Result<ProfilePatch> ToPatch(JsonElement body)
    {
        string? bio = null;
        string? displayName = null;
        PinChange? pin = null;
        foreach (var field in body.EnumerateObject())
        {
            switch (field.Name)
            {
                case "bio":
                    // null clears, like "".
                    if (!JsonBody.NullableString(field, out bio))
                    {
                        return Error.Validation("bio must be a string or null.");
                    }

                    bio ??= "";
                    break;
                case "display_name":
                    if (!JsonBody.NullableString(field, out displayName))
                    {
                        return Error.Validation("display_name must be a string or null.");
                    }

                    displayName ??= "";
                    break;
                case "pinned_post_id":
                    if (!JsonBody.NullableString(field, out var postId))
                    {
                        return Error.Validation("pinned_post_id must be a post id or null.");
                    }

                    pin = new PinChange(postId);
                    break;
                default:
                    return Error.Validation($"Unknown field \"{field.Name}\".", "PATCH /me takes bio, display_name and pinned_post_id.");
            }
        }

        return new ProfilePatch(bio, null, displayName, pin);
    }
}
