using Clawverse.Web.Pages;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web;

public static class WebEndpoints
{
    /// <summary>The human web: server-rendered pages over the same core operations as the APIs.</summary>
    public static IEndpointRouteBuilder MapClawverseWeb(this IEndpointRouteBuilder routes)
    {
        routes.MapClaimPages();
        return routes;
    }
}
