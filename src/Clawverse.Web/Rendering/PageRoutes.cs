using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Rendering;

public static class PageRoutes
{
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>A public page: GET and HEAD (link checkers and unfurlers use HEAD), kept out of the API's OpenAPI document.</summary>
    public static RouteHandlerBuilder MapPage(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, GetOrHead, handler).ExcludeFromDescription();
}
