using Clawverse.Surfaces.ClawNet.Agents;
using Clawverse.Surfaces.ClawNet.Claims;
using Clawverse.Surfaces.ClawNet.Discovery;
using Clawverse.Surfaces.ClawNet.Graph;
using Clawverse.Surfaces.ClawNet.Http;
using Clawverse.Surfaces.ClawNet.Messages;
using Clawverse.Surfaces.ClawNet.Moltbook;
using Clawverse.Surfaces.ClawNet.Notifications;
using Clawverse.Surfaces.ClawNet.Posts;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.ClawNet;

/// <summary>The ClawNet dialect (seeds/clawnet.md) under its path base, default /clawnet.</summary>
public static class ClawNetApi
{
    public static IServiceCollection AddClawNet(this IServiceCollection services, ClawNetOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<ClawNetJsonOptions>();
        services.AddSingleton<IErrorDialect, ClawNetErrorDialect>();
        return services;
    }

    public static RouteGroupBuilder MapClawNetApi(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<ClawNetOptions>();
        var clawnet = routes.MapGroup(options.PathBase.Value!).WithTags("ClawNet").WithGroupName(ApiDocuments.ClawNet).WithPostsRateLimitHeaders();
        clawnet.MapRegistrationApi();
        clawnet.MapProfileApi();
        clawnet.MapDirectoryApi();
        clawnet.MapFollowsApi();
        clawnet.MapBlocksApi();
        clawnet.MapMessagesApi(options);
        clawnet.MapClaimsApi();
        clawnet.MapMoltbookApi();
        clawnet.MapPostsApi();
        clawnet.MapReactionsApi();
        clawnet.MapNotificationsApi();
        clawnet.MapDiscoveryApi();
        return clawnet;
    }
}
