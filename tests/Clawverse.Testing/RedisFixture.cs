namespace Clawverse.Testing;

/// <summary>A Redis for tests: the one CLAWVERSE_TEST_REDIS names (host:port), or a redis-server of its own on a free
/// loopback port, without persistence, stopped on dispose. Without either the constructor throws with the fix, so the
/// tests fail rather than skip. Use as an xunit class fixture.</summary>
public sealed class RedisFixture : IDisposable
{
    public const string Variable = "CLAWVERSE_TEST_REDIS";

    private readonly ChildProcess? _server;

    public RedisFixture()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            Configuration = configured;
            return;
        }

        var port = ChildProcess.FreePort();
        _server = ChildProcess.Start("redis-server", "redis-server",
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        _server.WaitForPortAsync(port, TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
        Configuration = $"127.0.0.1:{port}";
    }

    /// <summary>A StackExchange.Redis configuration string.</summary>
    public string Configuration { get; }

    public void Dispose() => _server?.Dispose();
}
