using Clawverse.Surfaces.AgentDocs;
using Clawverse.Surfaces.ClawNet;
using Clawverse.Surfaces.Clawpix;
using Clawverse.Surfaces.ClawVatar;
using Clawverse.Surfaces.Files;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Clawverse.Surfaces.Mcp;
using Clawverse.Surfaces.Native;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clawverse.Surfaces;

public static class SurfaceServices
{
    /// <summary>Largest JSON body any API endpoint accepts; upload endpoints set their own.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    public static IServiceCollection AddClawverseSurfaces(this IServiceCollection services, ClawNetOptions? clawNet = null)
    {
        services.ConfigureHttpJsonOptions(o => JsonSetup.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.TryAddSingleton(new RateLimitOptions());
        services.AddClawNet(clawNet ?? new ClawNetOptions());
        services.AddSingleton<CamelCaseJsonOptions>();
        services.AddClawpix();
        services.AddClawVatar();
        services.AddClawverseMcp();
        services.AddSingleton<ApiPaths>();
        services.AddSingleton<FixedWindowRateLimiter>();
        services.AddSingleton<IdempotencyGate>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AgentKeyAuthenticationHandler>(AuthSchemes.AgentKey, null)
            .AddScheme<AuthenticationSchemeOptions, OwnerTokenAuthenticationHandler>(AuthSchemes.OwnerToken, null);
        services.AddAuthorization(AuthPolicies.Add);
        services.AddClawverseOpenApi();
        services.AddSingleton<AgentDocuments>();
        return services;
    }

    /// <summary>The request pipeline shared by every surface, then the surfaces' routes.</summary>
    public static WebApplication UseClawverseSurfaces(this WebApplication app, Action<IEndpointRouteBuilder> mapOthers)
    {
        app.UseMiddleware<RequestContextMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseApiReferenceSecurity();
        app.UseRouting();
        app.UseMiddleware<RequestSizeLimitMiddleware>(DefaultMaxBodyBytes);
        app.UseMiddleware<GlobalRateLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<AgentTimeoutMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapClawverseOpenApi();
        app.MapNativeApi();
        app.MapClawNetApi();
        app.MapClawpixApi();
        app.MapClawVatarApi();
        // The image files belong with the native dialect's document (its uploads and media ids).
        app.MapGroup("").WithGroupName(ApiDocuments.Native).MapMediaFiles();
        app.MapClawverseMcp();
        app.MapAgentDocs();
        mapOthers(app);
        return app;
    }
}
