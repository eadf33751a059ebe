using System.Text.Json;
using Clawverse.Testing;

namespace Clawverse.Cluster.Tests;

/// <summary>The production shape in miniature: two Release server processes on one PostgreSQL database, one Redis and
/// one S3 (s3rver), behind nginx balancing round-robin on one base URL. The database is a TestDatabase on the server
/// CLAWVERSE_TEST_POSTGRES names; Redis, nginx and s3rver are started
/// here unless CLAWVERSE_TEST_REDIS / CLAWVERSE_TEST_S3_URL name running ones. A node can be killed with SIGKILL and
/// started again with the same settings.</summary>
public sealed class ClusterRig : IAsyncLifetime
{
    /// <summary>Every client comes through nginx from loopback: per-IP limits high enough for the load test, the
    /// per-key limit low enough to spend in a test (the budget the nodes must share).</summary>
    public const int PerKeyLimit = 120;

    private readonly RedisFixture _redis = new();
    private readonly S3rverFixture _s3 = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("clawverse-rig-").FullName;
    private readonly string _secret = Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());
    private TestDatabase? _database;
    private string _bucket = "";
    private ChildProcess? _nginx;

    public Node[] Nodes { get; } = [new("a", ChildProcess.FreePort()), new("b", ChildProcess.FreePort())];

    public int BalancerPort { get; } = ChildProcess.FreePort();

    public Uri BaseUrl => new($"http://127.0.0.1:{BalancerPort}/");

    public async Task InitializeAsync()
    {
        if (TestDatabase.Engine != Clawverse.Storage.DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("The cluster rig runs on PostgreSQL: CLAWVERSE_TEST_DB=postgres and CLAWVERSE_TEST_POSTGRES (scripts/test.sh's second phase).");
        }

        _database = await TestDatabase.CreateAsync();
        _bucket = S3rverFixture.UniqueBucket("rig");

        // Both at once: they race for the migrations (PostgreSQL's migration lock decides) and for the leadership.
        await Task.WhenAll(Nodes.Select(StartAsync));
        StartBalancer();
        await _nginx!.WaitForPortAsync(BalancerPort, TimeSpan.FromSeconds(20));
    }

    public async Task StartAsync(Node node)
    {
        node.Process?.Dispose();
        var dataDirectory = Path.Combine(_directory, node.Name);
        node.Process = ChildProcess.Start($"node {node.Name}", "dotnet", [
            HostAssembly(),
            "--urls", $"http://127.0.0.1:{node.Port}",
            "--data-dir", dataDirectory,
            "--database", _database!.Options.ConnectionString,
            "--redis", _redis.Configuration,
            "--s3-url", _s3.ServiceUrl, "--s3-bucket", _bucket, "--s3-access-key", _s3.AccessKey, "--s3-secret-key", _s3.SecretKey,
            "--public-url", BaseUrl.ToString().TrimEnd('/'),
            "--secret", _secret,
            "--trusted-proxies", "127.0.0.1",
        ], new Dictionary<string, string>
        {
            ["CLAWVERSE_RATE_LIMIT_PER_IP"] = "1000000/1m",
            ["CLAWVERSE_RATE_LIMIT_REGISTER"] = "10000/10m",
            ["CLAWVERSE_RATE_LIMIT_PER_KEY"] = $"{PerKeyLimit}/1h",
            ["DOTNET_gcServer"] = "0",
            // A line per request would bury what the tests read in the output (leadership, housekeeping, errors).
            ["Logging__LogLevel__Clawverse.Surfaces.Http.RequestContextMiddleware"] = "Warning",
        });
        await node.Process.WaitForPortAsync(node.Port, TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = node.Url };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if ((await client.GetAsync("readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (attempt < 100)
            {
            }

            if (attempt >= 100)
            {
                throw new TimeoutException($"node {node.Name} is not ready:\n{node.Process.Output()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>/readyz's word on whether the node leads (null when it does not answer).</summary>
    public async Task<bool?> IsLeaderAsync(Node node)
    {
        using var client = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var ready = JsonDocument.Parse(await client.GetStringAsync("readyz"));
            return ready.RootElement.GetProperty("checks").GetProperty("cluster").GetProperty("leader").GetBoolean();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private void StartBalancer()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory, "nginx")).FullName;
        var upstreams = string.Join("\n", Nodes.Select(node => $"    server 127.0.0.1:{node.Port} max_fails=1 fail_timeout=2s;"));
        var user = Environment.UserName == "root" ? "user root;" : "";
        // Reads are retried on the other node when one fails mid-request (the default for idempotent methods);
        // a POST is never resent, so a write in flight on a dying node fails rather than happening twice.
        File.WriteAllText(Path.Combine(directory, "nginx.conf"), $$"""
            {{user}}
            worker_processes 1;
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{directory}}/body;
              proxy_temp_path {{directory}}/proxy;
              fastcgi_temp_path {{directory}}/fastcgi;
              uwsgi_temp_path {{directory}}/uwsgi;
              scgi_temp_path {{directory}}/scgi;
              client_max_body_size 20m;
              upstream clawverse {
            {{upstreams}}
                keepalive 16;
              }
              server {
                listen 127.0.0.1:{{BalancerPort}};
                location / {
                  proxy_pass http://clawverse;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_next_upstream error timeout http_502 http_503;
                  proxy_connect_timeout 1s;
                }
              }
            }
            """);
        // Debian installs it in /usr/sbin, which is not on every user's PATH.
        var program = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        _nginx = ChildProcess.Start("nginx", program, ["-p", directory, "-e", Path.Combine(directory, "error.log"), "-c", Path.Combine(directory, "nginx.conf")]);
    }

    private static string HostAssembly()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Clawverse.sln")))
        {
            directory = directory.Parent;
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var path = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Clawverse.sln not found above the test assembly."),
            "src", "Clawverse.Host", "bin", configuration, "net10.0", "clawverse.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build the solution ({configuration}) first.");
    }

    public async Task DisposeAsync()
    {
        _nginx?.Dispose();
        foreach (var node in Nodes)
        {
            node.Process?.Dispose();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _redis.Dispose();
        _s3.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One server process of the rig.</summary>
public sealed class Node(string name, int port)
{
    public string Name { get; } = name;

    public int Port { get; } = port;

    public Uri Url { get; } = new($"http://127.0.0.1:{port}/");

    public ChildProcess? Process { get; set; }

    public HttpClient Client() => new() { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
}
