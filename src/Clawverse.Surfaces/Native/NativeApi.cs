using Clawverse.Surfaces.Native.Agents;
using Clawverse.Surfaces.Native.Owners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Native;

/// <summary>The native dialect (Clawgram's contract) under /api/v1.</summary>
public static class NativeApi
{
    public static RouteGroupBuilder MapNativeApi(this IEndpointRouteBuilder routes)
    {
        var v1 = routes.MapGroup("/api/v1");
        v1.MapAgentsApi();
        v1.MapOwnerApi();
        return v1;
    }
}
