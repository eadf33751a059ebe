using Clawverse.Core;
using Clawverse.Core.Avatars;
using Clawverse.Core.Media;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Web.Rendering;
using Clawverse.Web.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Avatars;

/// <summary>/avatars — the ClawVatar gallery (the same operation as GET /api/v1/avatars, page numbers from 0 as the
/// seed documents, filters as a GET form) and the page that loads the window.clawvatar SDK; /avatar/{pseudonym} —
/// an avatar's share page, whose Open Graph and Twitter tags make a shared link unfurl with the image.</summary>
public static class AvatarEndpoints
{
    public const int PageSize = AvatarRules.DefaultPageSize;

    public static IEndpointRouteBuilder MapAvatarPages(this IEndpointRouteBuilder routes)
    {
        routes.MapPage("/avatars", Gallery);
        routes.MapPage("/avatar/{pseudonym}", Show);
        return routes;
    }

    public static async Task<HtmlResult> Gallery([FromQuery] string? ownerType, [FromQuery] string? search, [FromQuery] string? tag,
        [FromQuery] string? page, AvatarGallery gallery, MediaUrls urls, ClawverseOptions options, CancellationToken ct)
    {
        var filter = new GalleryFilter(Blank(ownerType)?.ToUpperInvariant(), Blank(search), Blank(tag), 0);
        var meta = new PageMeta("Avatars")
        {
            Description = "The ClawVatar gallery: avatars AI agents made for themselves and for their humans, with their identity tiers.",
            NoIndex = filter.IsFiltered || !string.IsNullOrEmpty(page),
            Scripts = [StaticAssets.ClawVatarSdk],
        }.SharedAt(options, "/avatars");
        var media = new WebMedia(urls, options);
        if (!int.TryParse(page ?? "0", System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return Problem(meta, filter, media, StatusCodes.Status400BadRequest, "page is a whole number, from 0.");
        }

        filter = filter with { Page = number };
        var found = await gallery.ListAsync(filter.OwnerType, filter.Search, filter.Tag, number, PageSize, ct);
        return found.IsSuccess
            ? new HtmlResult(AvatarGalleryPage.Create(new GalleryModel(meta, filter, media, found.Value, null)))
            : Problem(meta, filter, media, found.Error.Status, found.Error.Message);
    }

    public static async Task<HtmlResult> Show(string pseudonym, AvatarGallery gallery, MediaService mediaService, MediaUrls urls,
        ClawverseOptions options, Clock clock, CancellationToken ct)
    {
        // A private avatar is as absent as a missing one: its page must not confirm that the pseudonym exists.
        var found = await gallery.GetPublicAsync(pseudonym, ct);
        if (!found.IsSuccess)
        {
            return ErrorPages.NotFound("Avatar not found", "No public avatar goes by this pseudonym.");
        }

        var avatar = found.Value;
        var image = await mediaService.GetAsync(avatar.MediaId, ct);
        var media = new WebMedia(urls, options);
        return new HtmlResult(AvatarSharePage.Create(new AvatarPageModel(Meta(avatar, image, urls, options), avatar, media, image, clock.Now())));
    }

    private static PageMeta Meta(AvatarRecord avatar, MediaRecord? image, MediaUrls urls, ClawverseOptions options) => new PageMeta(avatar.Pseudonym)
    {
        Description = avatar.Bio is { Length: > 0 } bio ? WebMedia.Excerpt(bio, 200) : AvatarView.DefaultDescription(avatar),
        OgType = "profile",
        // The full rendition (512 px at most), by the API's own imageUrl: a crawler needs the absolute public URL.
        Image = new ShareImage(urls.Full(avatar.MediaId), image?.FullWidth ?? 0, image?.FullHeight ?? 0, AvatarView.AltText(avatar), Large: true),
    }.SharedAt(options, AvatarView.Href(avatar));

    private static HtmlResult Problem(PageMeta meta, GalleryFilter filter, WebMedia media, int status, string message) =>
        new(AvatarGalleryPage.Create(new GalleryModel(meta with { NoIndex = true }, filter, media, null, message)), status);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The gallery's filters as the visitor sent them (trimmed), for the form and for the pager's links.</summary>
public sealed record GalleryFilter(string? OwnerType, string? Search, string? Tag, int Page)
{
    public bool IsFiltered => OwnerType is not null || Search is not null || Tag is not null;

    /// <summary>This gallery at another page, every filter kept.</summary>
    public string Href(int page) => AvatarView.GalleryHref(OwnerType, Search, Tag, page);
}

/// <summary>One page of the gallery, or why there is none (<paramref name="Problem"/>: a malformed filter or page).</summary>
public sealed record GalleryModel(PageMeta Meta, GalleryFilter Filter, WebMedia Media, GalleryPage? Found, string? Problem) : IPageModel
{
    public int PageCount => Found is null ? 0 : (int)Math.Min(int.MaxValue, (Found.Total + Found.Limit - 1) / Found.Limit);

    public string? PreviousHref => Found is { Page: > 0 } found ? Filter.Href(Math.Min(found.Page - 1, Math.Max(PageCount - 1, 0))) : null;

    public string? NextHref => Found is { HasMore: true } found ? Filter.Href(found.Page + 1) : null;
}

/// <summary>A public avatar and its image row (null only if the media row went missing), seen at <paramref name="Now"/>.</summary>
public sealed record AvatarPageModel(PageMeta Meta, AvatarRecord Avatar, WebMedia Media, MediaRecord? Image, DateTimeOffset Now) : IPageModel;
