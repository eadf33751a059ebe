using Clawverse.Surfaces.ClawVatar.Avatars;
using Clawverse.Surfaces.ClawVatar.Events;
using Clawverse.Surfaces.ClawVatar.Http;
using Clawverse.Surfaces.ClawVatar.Verification;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.ClawVatar;

/// <summary>The ClawVatar dialect (seeds/clawvatar.txt) at its own paths: /api/v1/avatars, /api/avatar/*,
/// /api/verify/*, /api/recover/*, /api/events/recent, /api/cron/expire-avatars.</summary>
public static class ClawVatarApi
{
    public static IServiceCollection AddClawVatar(this IServiceCollection services) =>
        services.AddSingleton<IErrorDialect, ClawVatarErrorDialect>();

    public static RouteGroupBuilder MapClawVatarApi(this IEndpointRouteBuilder routes)
    {
        var clawVatar = routes.MapGroup("").WithTags("ClawVatar").WithGroupName(ApiDocuments.ClawVatar);
        clawVatar.MapAvatarsApi();
        clawVatar.MapVerificationApi();
        clawVatar.MapEventsApi();
        return clawVatar;
    }
}
