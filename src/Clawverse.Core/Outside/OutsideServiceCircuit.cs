using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.CircuitBreaker;

namespace Clawverse.Core.Outside;

/// <summary>
/// A circuit breaker in front of one outside service (SMTP, Moltbook, the tweet check's oEmbed, moderation and SMS). After
/// <see cref="CircuitSettings.FailuresToOpen"/> calls in a row fail within the sampling window, calls stop
/// reaching the service for <see cref="CircuitSettings.BreakDuration"/> and go straight to the caller's
/// fallback, so a dead provider costs one timeout per break instead of one per request. /readyz reports
/// the state.
/// </summary>
public sealed class OutsideServiceCircuit
{
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeProvider _time;

    // Polly moves an open circuit to half-open only when the next call arrives; the end of the break is
    // kept here so /readyz can say "half-open" (the next call is a probe) as soon as the break is over.
    private long _breakEndsAtTicks;

    public OutsideServiceCircuit(string name, Func<Exception, bool> isFailure, TimeProvider time, CircuitSettings? settings = null)
    {
        settings ??= new CircuitSettings();
        Name = name;
        _time = time;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(isFailure),
                FailureRatio = 1.0,
                MinimumThroughput = settings.FailuresToOpen,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                StateProvider = _state,
                OnOpened = args =>
                {
                    Interlocked.Exchange(ref _breakEndsAtTicks, (time.GetUtcNow() + args.BreakDuration).UtcTicks);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public string Name { get; }

    /// <summary>closed (calls go through), open (calls are refused), half-open (the next call is a probe).</summary>
    public string State => _state.CircuitState switch
    {
        CircuitState.Closed => "closed",
        CircuitState.HalfOpen => "half-open",
        CircuitState.Open when _time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _breakEndsAtTicks) => "half-open",
        _ => "open",
    };

    /// <summary>Runs <paramref name="call"/> through the breaker. Throws <see cref="BrokenCircuitException"/>
    /// without calling while the circuit is open; the call's own exceptions pass through.</summary>
    public ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> call, CancellationToken ct) => _pipeline.ExecuteAsync(call, ct);
}

/// <summary>Breaker tuning; the defaults suit a rarely called service such as mail.</summary>
public sealed record CircuitSettings
{
    /// <summary>Failures in a row (each one a timeout, typically) before the circuit opens.</summary>
    public int FailuresToOpen { get; init; } = 3;

    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>The circuits of the outside services this server is configured to call.</summary>
public sealed class OutsideServices(IEnumerable<OutsideServiceCircuit> circuits)
{
    public IReadOnlyList<OutsideServiceCircuit> Circuits { get; } = [.. circuits];

    /// <summary>The named service's circuit, or null when that service is not configured.</summary>
    public OutsideServiceCircuit? Find(string name) => Circuits.FirstOrDefault(circuit => circuit.Name == name);
}

public static class OutsideCircuitRegistration
{
    /// <summary>Registers a service's circuit as a plain <see cref="OutsideServiceCircuit"/>, so
    /// <see cref="OutsideServices"/>, and with it /readyz, lists it beside the others.</summary>
    public static IServiceCollection AddOutsideCircuit(this IServiceCollection services, string name, Func<Exception, bool> isFailure) =>
        services.AddSingleton(sp => new OutsideServiceCircuit(name, isFailure, sp.GetRequiredService<TimeProvider>()));

    /// <summary>The circuit <see cref="AddOutsideCircuit"/> registered under <paramref name="name"/>.</summary>
    public static OutsideServiceCircuit OutsideCircuit(this IServiceProvider services, string name) =>
        services.GetServices<OutsideServiceCircuit>().Single(circuit => circuit.Name == name);
}

/// <summary>The names outside services go by in /readyz and the logs.</summary>
public static class OutsideServiceNames
{
    public const string Smtp = "smtp";

    public const string Moltbook = "moltbook";

    /// <summary>X's oEmbed endpoint, which the Clawpix activation tweet check reads.</summary>
    public const string TweetOEmbed = "tweet-oembed";

    /// <summary>The OpenAI-compatible moderation API.</summary>
    public const string Moderation = "moderation";

    /// <summary>Twilio's Messages API, which sends ClawVatar's phone verification codes.</summary>
    public const string Sms = "sms";
}
