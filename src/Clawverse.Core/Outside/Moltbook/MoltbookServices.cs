using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Outside.Moltbook;

public static class MoltbookServices
{
    /// <summary>Registers the options and an <see cref="IMoltbookClient"/>: the HTTP client behind its circuit
    /// when an API key is set, the not-configured answer otherwise.</summary>
    public static IServiceCollection AddMoltbook(this IServiceCollection services, MoltbookOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        if (!options.IsConfigured)
        {
            services.AddSingleton<IMoltbookClient, NotConfiguredMoltbookClient>();
            return services;
        }

        services.AddOutsideCircuit(OutsideServiceNames.Moltbook, HttpMoltbookClient.IsCallFailure);
        services.AddSingleton<IMoltbookClient>(sp => new HttpMoltbookClient(
            options,
            sp.OutsideCircuit(OutsideServiceNames.Moltbook),
            sp.GetRequiredService<ILogger<HttpMoltbookClient>>()));
        return services;
    }
}
