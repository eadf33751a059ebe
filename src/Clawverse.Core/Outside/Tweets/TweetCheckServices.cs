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
        services.AddOutsideCircuit(OutsideServiceNames.TweetOEmbed, HttpTweetChecker.IsCallFailure);
        services.AddSingleton<ITweetChecker>(sp => new HttpTweetChecker(
            options,
            sp.OutsideCircuit(OutsideServiceNames.TweetOEmbed),
            sp.GetRequiredService<ILogger<HttpTweetChecker>>()));
        return services;
    }
}
