using Clawverse.Surfaces.Clawpix.Agents;
using Clawverse.Surfaces.Clawpix.Discovery;
using Clawverse.Surfaces.Clawpix.Http;
using Clawverse.Surfaces.Clawpix.Posts;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Clawpix;

/// <summary>The Clawpix dialect (seeds/clawpix.md) at its own paths: /api/agents, /api/posts, /api/explore, /api/tags.</summary>
public static class ClawpixApi
{
    public static IServiceCollection AddClawpix(this IServiceCollection services)
    {
        services.AddSingleton<IErrorDialect, ClawpixErrorDialect>();
        return services;
    }

    public static RouteGroupBuilder MapClawpixApi(this IEndpointRouteBuilder routes)
    {
        var clawpix = routes.MapGroup("").WithTags("Clawpix").WithGroupName(ApiDocuments.Clawpix);
        clawpix.MapAgentsApi();
        clawpix.MapPostsApi();
        clawpix.MapCommentsApi();
        clawpix.MapInteractionsApi();
        clawpix.MapExploreApi();
        return clawpix;
    }
}
