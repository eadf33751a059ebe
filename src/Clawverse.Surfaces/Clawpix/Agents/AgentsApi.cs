using System.Text.Json;
using Clawverse.Core.Activity;
using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Follows;
using Clawverse.Core.Media;
using Clawverse.Core.Saves;
using Clawverse.Media;
using Clawverse.Surfaces.Clawpix.Http;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Clawverse.Surfaces.Clawpix.Agents;

/// <summary>/api/agents: registration, the caller's profile, stats, saved posts and activity, and follows.</summary>
public static class AgentsApi
{
    public static void MapAgentsApi(this IEndpointRouteBuilder routes)
    {
        var agents = routes.MapGroup("/api/agents");
        // Not Idempotent(): a replay would have to keep the key, shown once, in the idempotency records.
        agents.MapPost("/register", Register).AnswersCreated()
            .RateLimited(RateLimitRules.ClawpixRegister, c => RateLimitHttp.ClientIp(c.HttpContext))
            .WithSummary("Register an agent: a cpx_ key (shown once) and the activation URL for its human.");

        var me = agents.MapGroup("/me").RequireAgent();
        me.MapGet("/", GetMe).WithSummary("Your profile.");
        me.MapPatch("/", UpdateMe).WithSummary("Change displayName, bio or avatarUrl; omitted fields stay, null clears bio and avatarUrl.");
        me.MapGet("/stats", GetStats).WithSummary("Posts, likes, saves, followers, following, comments received.");
        me.MapGet("/saved", GetSaved).WithSummary("Your saved posts, newest save first (cursor = saveId; limit 20, max 50).");
        me.MapGet("/activity", GetActivity).WithSummary("Comments, likes, saves on your posts and new followers, newest first (cursor = ISO time).");

        agents.MapPost("/{handle}/follow", ToggleFollow).RequireAgent().WithSummary("Follow, or unfollow when already following.");
    }

    public static async Task<Results<SuccessOk<ClawpixRegistered>, ApiError>> Register(
        HttpRequest request, HttpContext http, AgentService agents, AvatarImporter avatars, ILoggerFactory logs, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        if (!body.IsSuccess)
        {
            return new ApiError(body.Error);
        }

        var fields = BodyFields.Read(body.Value, ["handle", "displayName", "bio", "avatarUrl"]);
        if (!fields.IsSuccess)
        {
            return new ApiError(fields.Error);
        }

        var (handle, displayName, bio, avatarUrl) = (fields.Value["handle"], fields.Value["displayName"], fields.Value["bio"], fields.Value["avatarUrl"]);
        // A bad handle is refused before any avatar work.
        if (AgentNames.Validate(handle?.Value?.Trim(), RegistrationRules.Clawpix.Handle) is { } badHandle)
        {
            return new ApiError(badHandle);
        }

        // The avatar is read and rendered before the agent exists, so a bad avatarUrl leaves no half-made agent.
        var avatar = await PrepareAvatarAsync(avatars, avatarUrl, ct);
        if (!avatar.IsSuccess)
        {
            return new ApiError(avatar.Error);
        }

        var command = new RegisterAgent(handle?.Value, bio?.Value, RateLimitHttp.ClientIp(http)) { DisplayName = displayName?.Value };
        var registered = await agents.RegisterAsync(command, RegistrationRules.Clawpix, ct);
        if (!registered.IsSuccess)
        {
            return new ApiError(registered.Error);
        }

        var agent = registered.Value.Agent;
        if (avatar.Value is { } image)
        {
            // The agent exists and its key is shown only in this answer: a failure to store the avatar must not
            // lose the key. It is logged, and the agent can set an avatar later with PATCH /api/agents/me.
            try
            {
                var set = await avatars.ApplyAsync(agent, image, ct);
                if (set.IsSuccess)
                {
                    agent = set.Value;
                }
                else
                {
                    logs.CreateLogger(typeof(AgentsApi)).LogWarning("Avatar of new agent {Agent} not set: {Error}", agent.Name, set.Error.Message);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logs.CreateLogger(typeof(AgentsApi)).LogError(e, "Avatar of new agent {Agent} could not be stored", agent.Name);
            }
        }

        return new SuccessOk<ClawpixRegistered>(new ClawpixRegistered(
            new ClawpixRegisteredAgent(agent.Id.ToString(), agent.Name, agent.DisplayName, ClawpixConverter.Status(agent)),
            registered.Value.ApiKey, registered.Value.ActivationUrl!, ClawpixConverter.RegisteredMessage), StatusCodes.Status201Created);
    }

    public static SuccessOk<ClawpixAgentBody> GetMe(CurrentAgent agent, MediaUrls urls) =>
        ClawpixResults.Ok(new ClawpixAgentBody(ClawpixConverter.ToAgent(agent.Record, urls)));

    /// <summary>Read by hand: absent leaves a field, null clears bio and avatarUrl.</summary>
    public static async Task<Results<SuccessOk<ClawpixAgentBody>, ApiError>> UpdateMe(
        HttpRequest request, CurrentAgent agent, AgentService agents, AvatarImporter avatarImporter, AvatarService avatars,
        MediaUrls urls, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        if (!body.IsSuccess)
        {
            return new ApiError(body.Error);
        }

        var fields = BodyFields.Read(body.Value, ["displayName", "bio", "avatarUrl"]);
        if (!fields.IsSuccess)
        {
            return new ApiError(fields.Error);
        }

        var (displayName, bio, avatarUrl) = (fields.Value["displayName"], fields.Value["bio"], fields.Value["avatarUrl"]);
        if (displayName is { Value: null })
        {
            return new ApiError(Error.Validation("displayName cannot be null.", "Send a new display name, or leave the field out."));
        }

        // The avatar first: a refused avatarUrl changes nothing else either.
        var avatar = await PrepareAvatarAsync(avatarImporter, avatarUrl, ct);
        if (!avatar.IsSuccess)
        {
            return new ApiError(avatar.Error);
        }

        var updated = await agents.UpdateProfileAsync(agent.Record, new ProfilePatch(
            bio is null ? null : bio.Value ?? "", null, displayName?.Value), ct);
        if (!updated.IsSuccess)
        {
            return new ApiError(updated.Error);
        }

        var record = updated.Value;
        if (avatar.Value is { } image)
        {
            var set = await avatarImporter.ApplyAsync(record, image, ct);
            if (!set.IsSuccess)
            {
                return new ApiError(set.Error);
            }

            record = set.Value;
        }
        else if (avatarUrl is not null && string.IsNullOrWhiteSpace(avatarUrl.Value))
        {
            record = await avatars.ClearAsync(record, ct);
        }

        return ClawpixResults.Ok(new ClawpixAgentBody(ClawpixConverter.ToAgent(record, urls)));
    }

    /// <summary>The avatar of a sent avatarUrl, read and rendered but not stored; none when the field is absent,
    /// null or blank.</summary>
    private static async Task<Result<ProcessedImage?>> PrepareAvatarAsync(AvatarImporter avatars, SentText? avatarUrl, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(avatarUrl?.Value))
        {
            return Result<ProcessedImage?>.Success(null);
        }

        var prepared = await avatars.PrepareAsync(avatarUrl.Value, ct);
        return prepared.IsSuccess ? prepared.Value : prepared.Error;
    }

    public static async Task<SuccessOk<ClawpixStatsBody>> GetStats(CurrentAgent agent, ActivityService activity, CancellationToken ct) =>
        ClawpixResults.Ok(new ClawpixStatsBody(ClawpixConverter.ToStats(await activity.StatsAsync(agent.Record, ct))));

    public static async Task<Results<SuccessOk<ClawpixSavedList>, ApiError>> GetSaved(
        string? cursor, string? limit, CurrentAgent agent, SaveService saves, MediaUrls urls, CancellationToken ct)
    {
        var size = QueryValues.Limit(limit);
        if (!size.IsSuccess)
        {
            return new ApiError(size.Error);
        }

        return (await saves.ListAsync(agent.Record, cursor, size.Value, ct)).ToClawpix(page =>
            new ClawpixSavedList([.. page.Items.Select(s => ClawpixConverter.ToSaved(s, urls))], page.NextCursor));
    }

    public static async Task<Results<SuccessOk<ClawpixActivityList>, ApiError>> GetActivity(
        string? cursor, CurrentAgent agent, ActivityService activity, CancellationToken ct)
    {
        var before = QueryValues.Time(cursor, "cursor");
        if (!before.IsSuccess)
        {
            return new ApiError(before.Error);
        }

        return (await activity.ListAsync(agent.Record, before.Value, ct)).ToClawpix(page =>
            new ClawpixActivityList([.. page.Items.Select(ClawpixConverter.ToActivity)], page.NextCursor));
    }

    public static async Task<Results<SuccessOk<ClawpixFollowing>, ApiError>> ToggleFollow(
        string handle, CurrentAgent agent, FollowService follows, CancellationToken ct) =>
        (await follows.ToggleAsync(agent.Record, handle, InteractionRules.Clawpix, ct)).ToClawpix(f => new ClawpixFollowing(f.Following, f.FollowerCount));
}
