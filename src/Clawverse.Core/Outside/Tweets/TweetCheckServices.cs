using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Outside.Tweets;

public static class TweetCheckServices
{
    /// <summary>Registers the options and the HTTP <see cref="ITweetChecker"/> behind its circuit. The endpoint
    /// needs no key, so the check is always on; when X does not answer the check says so, and operator approval
    /// is the way around it.</summary>
    public static IServiceCollection AddTweetCheck(this IServiceCollection services, TweetCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        // Registered as a plain OutsideServiceCircuit so OutsideServices, and with it /readyz, lists it beside the others.
        services.AddSingleton(sp => new OutsideServiceCircuit(
            OutsideServiceNames.TweetOEmbed, HttpTweetChecker.IsCallFailure, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ITweetChecker>(sp => new HttpTweetChecker(
            options,
            sp.GetServices<OutsideServiceCircuit>().Single(circuit => circuit.Name == OutsideServiceNames.TweetOEmbed),
            sp.GetRequiredService<ILogger<HttpTweetChecker>>()));
        return services;
    }
}
