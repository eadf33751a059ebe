using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Rendering;

/// <summary>Marks an endpoint as a page for humans, so tools and tests can list every page the site has.</summary>
public sealed class WebPageMetadata
{
    public static readonly WebPageMetadata Instance = new();

    private WebPageMetadata()
    {
    }
}

public static class PageRoutes
{
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>A public page: GET and HEAD (link checkers and unfurlers use HEAD), kept out of the API's OpenAPI document.</summary>
    public static RouteHandlerBuilder MapPage(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, GetOrHead, handler).ExcludeFromDescription().WithMetadata(WebPageMetadata.Instance);

    /// <summary>A page's form post. The forms carry one-time tokens from an email or a claim link, not a session,
    /// so there is no cookie for a cross-site request to ride on and no antiforgery token to check.</summary>
    public static RouteHandlerBuilder MapPageForm(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapPost(pattern, handler).DisableAntiforgery().ExcludeFromDescription().WithMetadata(WebPageMetadata.Instance);
}
