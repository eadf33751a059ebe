using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Outside.Sms;

public static class SmsServices
{
    /// <summary>Registers the options and an <see cref="ISmsSender"/>: Twilio's API behind its circuit when the
    /// account, token and sender are set, the outbox in <paramref name="outboxDirectory"/> otherwise. There is
    /// deliberately no outbox fallback behind a configured provider: a code that only reached a file on the
    /// server must be reported to the user as not sent.</summary>
    public static IServiceCollection AddSms(this IServiceCollection services, SmsOptions options, string outboxDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outboxDirectory);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        if (!options.IsConfigured)
        {
            services.AddSingleton<ISmsSender>(sp => new OutboxSmsSender(
                outboxDirectory, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<OutboxSmsSender>>()));
            return services;
        }

        services.AddOutsideCircuit(OutsideServiceNames.Sms, HttpSmsSender.IsCallFailure);
        services.AddSingleton<ISmsSender>(sp => new HttpSmsSender(
            options,
            sp.OutsideCircuit(OutsideServiceNames.Sms),
            sp.GetRequiredService<ILogger<HttpSmsSender>>()));
        return services;
    }
}
