using System.Text.Json;
using Clawverse.Core;
using Clawverse.Core.Avatars;
using Clawverse.Core.Errors;
using Clawverse.Core.Media;
using Clawverse.Surfaces.ClawVatar.Http;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawVatar.Avatars;

/// <summary>The gallery: upload, list, read, update, check a pseudonym, delete (seeds/clawvatar.txt).</summary>
public static class AvatarsApi
{
    public static void MapAvatarsApi(this IEndpointRouteBuilder routes)
    {
        var uploadLimit = new RequestBodyLimitMetadata(AvatarForm.MaxBodyBytes);
        foreach (var path in new[] { "/api/v1/avatars", "/api/avatar/upload" })
        {
            routes.MapPost(path, Upload).AnswersCreated().CanFail(415)
                .WithMetadata(uploadLimit)
                .RateLimited(RateLimitRules.ClawVatarUpload, c => RateLimitHttp.ClientIp(c.HttpContext))
                .DisableAntiforgery()
                .WithSummary("Upload an avatar (multipart): the one-time management key and the expiry.");
        }

        routes.MapGet("/api/v1/avatars", List)
            .RateLimited(RateLimitRules.ClawVatarGallery, c => RateLimitHttp.ClientIp(c.HttpContext))
            .WithSummary("Public avatars, newest first: ownerType, search, tag, page (from 0), limit (24, max 50).");
        routes.MapGet("/api/v1/avatars/{pseudonym}", Get)
            .RateLimited(RateLimitRules.ClawVatarGallery, c => RateLimitHttp.ClientIp(c.HttpContext))
            .WithSummary("One public avatar by pseudonym.");

        var avatar = routes.MapGroup("/api/avatar");
        avatar.MapPost("/update", Update).WithSummary("Change pseudonym (30-day lock), visibility, tags or bio, with the management key.");
        avatar.MapPost("/check-pseudonym", Check)
            .RateLimited(RateLimitRules.ClawVatarCheck, c => RateLimitHttp.ClientIp(c.HttpContext))
            .WithSummary("Whether a pseudonym is free, and a free suggestion when it is not.");
        avatar.MapPost("/delete", Delete)
            .RateLimited(RateLimitRules.ClawVatarDeleteIp, c => RateLimitHttp.ClientIp(c.HttpContext))
            .WithSummary("Delete per the tier table: never forever or founder avatars; a verified human's after a fresh phone code.");
    }

    public static async Task<Results<SuccessOk<CreatedAvatarWire>, ApiError>> Upload(
        HttpRequest request, AvatarGallery gallery, MediaUrls urls, ClawverseOptions options, CancellationToken ct)
    {
        var form = await AvatarForm.ReadAsync(request, ct);
        if (!form.IsSuccess)
        {
            return new ApiError(form.Error);
        }

        var created = await gallery.CreateAsync(form.Value, ct);
        return created.ToClawVatar(c => ClawVatarConverter.ToWire(c, urls, options), StatusCodes.Status201Created);
    }

    public static async Task<Results<SuccessOk<GalleryWire>, ApiError>> List(
        string? ownerType, string? search, string? tag, string? page, string? limit,
        AvatarGallery gallery, MediaUrls urls, ClawverseOptions options, CancellationToken ct)
    {
        var pageNumber = QueryValues.WholeNumber(page, "page");
        var pageSize = QueryValues.WholeNumber(limit, "limit");
        if (Error.First(pageNumber.Error, pageSize.Error) is { } invalid)
        {
            return new ApiError(invalid);
        }

        var found = await gallery.ListAsync(ownerType, search, tag, pageNumber.Value ?? 0, pageSize.Value ?? AvatarRules.DefaultPageSize, ct);
        return found.ToClawVatar(p => ClawVatarConverter.ToWire(p, urls, options));
    }

    public static async Task<Results<SuccessOk<AvatarWire>, ApiError>> Get(
        string pseudonym, AvatarGallery gallery, MediaUrls urls, ClawverseOptions options, CancellationToken ct) =>
        (await gallery.GetPublicAsync(pseudonym, ct)).ToClawVatar(a => ClawVatarConverter.ToWire(a, urls, options));

    public static async Task<Results<SuccessOk<AvatarWire>, ApiError>> Update(
        HttpContext http, AvatarGallery gallery, MediaUrls urls, ClawverseOptions options, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(http.Request, ct);
        if (!body.IsSuccess)
        {
            return new ApiError(body.Error);
        }

        var fields = BodyFields.Read(body.Value, ["managementKey", "pseudonym", "bio"], ["isPublic", "tags"]);
        var isPublic = BodyFields.Boolean(body.Value, "isPublic");
        var tags = BodyFields.Strings(body.Value, "tags");
        if (Error.First(fields.Error, isPublic.Error, tags.Error) is { } invalid)
        {
            return new ApiError(invalid);
        }

        var key = fields.Value!["managementKey"]?.Value;
        if (await PerKeyLimitAsync(http, RateLimitRules.ClawVatarUpdate, key) is { } limited)
        {
            return limited;
        }

        var bio = fields.Value["bio"];
        var change = new AvatarChange(fields.Value["pseudonym"]?.Value, isPublic.Value,
            tags.Value is { } sent ? [.. sent.Select(t => t ?? "")] : null, bio is not null, bio?.Value);
        return (await gallery.UpdateAsync(key, change, ct)).ToClawVatar(a => ClawVatarConverter.ToWire(a, urls, options));
    }

    public static async Task<Results<SuccessOk<AvailabilityWire>, ApiError>> Check(HttpRequest request, AvatarGallery gallery, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        var fields = body.IsSuccess ? BodyFields.Read(body.Value, ["pseudonym"]) : body.Error;
        if (!fields.IsSuccess)
        {
            return new ApiError(fields.Error);
        }

        var checkedName = await gallery.CheckAsync(fields.Value["pseudonym"]?.Value, ct);
        return checkedName.ToClawVatar(c => new AvailabilityWire(c.Available, c.Suggestion));
    }

    public static async Task<Results<SuccessOk<DeletedWire>, ApiError>> Delete(HttpContext http, AvatarGallery gallery, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(http.Request, ct);
        var fields = body.IsSuccess ? BodyFields.Read(body.Value, ["managementKey", "checksum"]) : body.Error;
        if (!fields.IsSuccess)
        {
            return new ApiError(fields.Error);
        }

        var key = fields.Value["managementKey"]?.Value;
        if (await PerKeyLimitAsync(http, RateLimitRules.ClawVatarDelete, key) is { } limited)
        {
            return limited;
        }

        // A verified AI avatar may be deleted by its own agent: its key as the Bearer token stands for the checksum.
        Guid? agent = null;
        if (BearerToken.From(http.Request) is not null && (await http.AuthenticateAsync(AuthSchemes.AgentKey)).Succeeded)
        {
            agent = http.Features.Get<CurrentAgent>()?.Record.Id;
        }

        var deleted = await gallery.DeleteAsync(key, fields.Value["checksum"]?.Value, agent, ct);
        return deleted.ToClawVatar(a => new DeletedWire($"Avatar \"{a.Pseudonym}\" deleted.", a.Pseudonym));
    }

    internal static async ValueTask<ApiError?> PerKeyLimitAsync(HttpContext http, RateLimitDefinition rule, string? key) =>
        string.IsNullOrWhiteSpace(key) ? null : await RateLimitHttp.CheckAsync(http, rule, RateLimitHttp.Fingerprint(key.Trim()));
}
