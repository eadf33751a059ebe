using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Clawverse.Surfaces.Http;

namespace Clawverse.Host;

/// <summary>Benchmark mode (--bench-mode true / CLAWVERSE_BENCH_MODE=1), used only by bench/Clawverse.Bench and never
/// in production. It does two things: maps GET /__bench/ceiling?bytes=N, the reference every read path is compared
/// with in the same run (a pre-serialized JSON body of N bytes sent through the same process and middleware, so
/// it costs what HTTP alone costs); and lifts the rate limits, because the load generator is one client IP with
/// one key. The limiter still counts every request, so its cost stays in the measurement.</summary>
public static class BenchCeiling
{
    public const string Path = "/__bench/ceiling";
    public const int MaxBytes = 4 * 1024 * 1024;

    private static readonly ConcurrentDictionary<int, byte[]> Bodies = new();

    public static bool IsEnabled(IConfiguration config)
    {
        var value = config["bench-mode"] ?? config["CLAWVERSE_BENCH_MODE"] ?? Environment.GetEnvironmentVariable("CLAWVERSE_BENCH_MODE");
        return value?.Trim().ToLowerInvariant() is "1" or "true" or "yes";
    }

    /// <summary>Call before AddClawverseSurfaces, which keeps an already registered RateLimitOptions.</summary>
    public static IServiceCollection AddBenchMode(this IServiceCollection services)
    {
        return services.AddSingleton(RateLimitOptions.Uniform(new RateLimitRule(int.MaxValue, TimeSpan.FromMinutes(1))));
    }

    public static void MapBenchCeiling(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (int? bytes) =>
        {
            var size = Math.Clamp(bytes ?? 16 * 1024, 64, MaxBytes);
            return Results.Bytes(Bodies.GetOrAdd(size, Serialize), "application/json; charset=utf-8");
        }).ExcludeFromDescription();

    /// <summary>Valid JSON of exactly <paramref name="size"/> bytes, shaped like an API envelope and padded.</summary>
    private static byte[] Serialize(int size)
    {
        const string head = "{\"success\":true,\"data\":{\"items\":[],\"pad\":\"";
        const string tail = "\"},\"request_id\":\"00000000-0000-7000-8000-000000000000\"}";
        var padding = Math.Max(0, size - head.Length - tail.Length);
        var text = new StringBuilder(size).Append(head).Append('x', padding).Append(tail).ToString();
        return Encoding.UTF8.GetBytes(text);
    }

    public static string Url(string baseUrl, int bytes) =>
        baseUrl.TrimEnd('/') + Path + "?bytes=" + bytes.ToString(CultureInfo.InvariantCulture);
}
