using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Clawverse.Testing;

/// <summary>
/// An S3-compatible server for tests. scripts/test.sh starts one s3rver for the whole run and
/// exports CLAWVERSE_TEST_S3_URL (plus _ACCESS_KEY / _SECRET_KEY, s3rver's "S3RVER" by default);
/// without it (a test run from an IDE) this starts its own s3rver from .tools/node_modules on a free
/// loopback port with a temp directory, and kills it on dispose. If neither is possible the
/// constructor throws with the fix, so the tests fail: they never skip silently.
/// Use as an xunit class fixture; buckets are cheap, so give each test class its own.
/// </summary>
public sealed class S3rverFixture : IDisposable
{
    public const string UrlVariable = "CLAWVERSE_TEST_S3_URL";
    public const string DefaultCredential = "S3RVER";
    private const string ScriptPath = ".tools/node_modules/s3rver/bin/s3rver.js";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process? _process;
    private readonly string? _directory;
    private readonly StringBuilder _output = new();

    public S3rverFixture()
    {
        if (Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url)
        {
            ServiceUrl = url;
            AccessKey = Environment.GetEnvironmentVariable("CLAWVERSE_TEST_S3_ACCESS_KEY") is { Length: > 0 } key ? key : DefaultCredential;
            SecretKey = Environment.GetEnvironmentVariable("CLAWVERSE_TEST_S3_SECRET_KEY") is { Length: > 0 } secret ? secret : DefaultCredential;
            return;
        }

        string script = FindScript() ?? throw new InvalidOperationException(
            $"No S3 server for the tests: {UrlVariable} is unset and {ScriptPath} was not found above {AppContext.BaseDirectory}. " +
            "Run scripts/test.sh once (it installs s3rver into .tools/), or set " + UrlVariable + " to an S3-compatible endpoint.");
        int port = FreePort();
        _directory = Directory.CreateTempSubdirectory("clawverse-s3rver-").FullName;
        _process = Start(script, port, _directory);
        ServiceUrl = $"http://127.0.0.1:{port}";
        AccessKey = SecretKey = DefaultCredential;
        WaitUntilAnswering(port);
    }

    public string ServiceUrl { get; }

    public string AccessKey { get; }

    public string SecretKey { get; }

    /// <summary>A bucket name no other test class uses (3–63 lowercase characters).</summary>
    public static string UniqueBucket(string purpose)
    {
        string name = $"{purpose}-{Guid.NewGuid():N}".ToLowerInvariant();
        return name.Length <= 63 ? name : throw new ArgumentException("Purpose too long for a bucket name.", nameof(purpose));
    }

    public void Dispose()
    {
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Exited in the meantime.
            }

            _process.Dispose();
        }

        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Left to the OS temp cleaner.
            }
        }
    }

    private Process Start(string script, int port, string directory)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // s3rver encrypts list continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider.
        foreach (string argument in new[] { "--openssl-legacy-provider", script, "--silent", "--address", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--directory", directory })
            start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start s3rver: node is not on PATH ({e.Message}). Install Node.js or set {UrlVariable}.", e);
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void WaitUntilAnswering(int port)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartTimeout)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"s3rver exited with code {_process.ExitCode} on start: {Output()}");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        Dispose();
        throw new InvalidOperationException($"s3rver did not answer on port {port} within {StartTimeout.TotalSeconds} s: {Output()}");
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private string Output()
    {
        lock (_output)
            return _output.ToString();
    }

    /// <summary>The repository's .tools install, found by walking up from the test binaries.</summary>
    private static string? FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, ScriptPath);
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }

    /// <summary>A port the OS just handed out; another process could take it before s3rver binds, but rarely does.</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
