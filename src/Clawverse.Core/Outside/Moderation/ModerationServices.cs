using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Outside.Moderation;

public static class ModerationServices
{
    /// <summary>Registers the options and the <see cref="IContentModerator"/>: the word list, followed by the
    /// HTTP moderation API behind its circuit when a URL is set. Without a URL there is no circuit, so /readyz
    /// lists none.</summary>
    public static IServiceCollection AddModeration(this IServiceCollection services, ModerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(new WordList(options.BlockedWords));
        if (options.IsConfigured)
        {
            services.AddOutsideCircuit(OutsideServiceNames.Moderation, HttpContentModerator.IsCallFailure);
            services.AddSingleton(sp => new HttpContentModerator(
                options,
                sp.OutsideCircuit(OutsideServiceNames.Moderation),
                sp.GetRequiredService<ILogger<HttpContentModerator>>()));
        }

        services.AddSingleton<IContentModerator>(sp => new ContentModerator(
            sp.GetRequiredService<WordList>(), sp.GetService<HttpContentModerator>()));
        return services;
    }
}
