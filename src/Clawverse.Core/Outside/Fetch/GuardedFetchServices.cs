using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Outside.Fetch;

public static class GuardedFetchServices
{
    /// <summary>Registers the options and one shared <see cref="IGuardedFetcher"/>. There is no circuit: the
    /// URLs belong to users and point anywhere, so one dead host says nothing about the next.</summary>
    public static IServiceCollection AddGuardedFetch(this IServiceCollection services, GuardedFetchOptions? options = null)
    {
        services.TryAddSingleton(options ?? new GuardedFetchOptions());
        services.TryAddSingleton(sp => new GuardedFetcher(
            sp.GetRequiredService<GuardedFetchOptions>(), sp.GetRequiredService<ILogger<GuardedFetcher>>()));
        services.TryAddSingleton<IGuardedFetcher>(sp => sp.GetRequiredService<GuardedFetcher>());
        return services;
    }
}
