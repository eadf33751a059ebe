using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Clawverse.Bench;

/// <summary>The Release server as a separate process (`dotnet clawverse.dll --data-dir ... --urls ...`) in bench mode,
/// on a free loopback port. Its output is drained (the per-request log lines are part of the server's real work)
/// and the last lines are kept for the error message if it dies. Memory is read from /proc: VmRSS now, and VmHWM,
/// the peak since the last <see cref="ResetPeak"/> (writing 5 to clear_refs resets it, Linux ≥ 4.0).</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private ServerProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Pid => _process.Id;

    public static async Task<ServerProcess> StartAsync(string serverDll, IEnumerable<string> arguments, CancellationToken ct)
    {
        if (!File.Exists(serverDll))
        {
            throw new FileNotFoundException($"No server at {serverDll}: build it with `dotnet build -c Release` (scripts/bench.sh does).");
        }

        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[serverDll, .. arguments, "--urls", baseUrl])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CLAWVERSE_BENCH_MODE"] = "1";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        var server = new ServerProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitHealthyAsync(ct);
        return server;
    }

    private async Task WaitHealthyAsync(CancellationToken ct)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited ({_process.ExitCode}):\n{Tail()}");
            }

            try
            {
                using var answer = await client.GetAsync(BaseUrl + "/healthz", ct);
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Slow first answer.
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException($"The server did not become healthy within 60 s:\n{Tail()}");
    }

    /// <summary>Waits until the server has used under 5% of a core for a second: start-up work (migrations, the
    /// first housekeeping pass, which lists every blob) must not run under the first scenario.</summary>
    public async Task WaitIdleAsync(CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var quiet = 0;
        var before = CpuTicks();
        while (quiet < 2 && deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(500, ct);
            var now = CpuTicks();
            quiet = now - before <= 2 ? quiet + 1 : 0; // clock ticks are 10 ms: 2 ticks in 500 ms = 4%
            before = now;
        }
    }

    /// <summary>User plus system CPU time of the server so far, in clock ticks (/proc/pid/stat fields 14 and 15).</summary>
    public long CpuTicks()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Clock ticks per second of <see cref="CpuTicks"/> (USER_HZ, 100 on Linux).</summary>
    public const double TicksPerSecond = 100;

    /// <summary>Resident memory now, in MiB.</summary>
    public double RssMb => ReadStatusKb("VmRSS:") / 1024.0;

    /// <summary>Peak resident memory since the last reset, in MiB.</summary>
    public double PeakRssMb => ReadStatusKb("VmHWM:") / 1024.0;

    public void ResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{Pid}/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without the reset, VmHWM is the peak since start: still an upper bound.
        }
    }

    public string Tail()
    {
        lock (_tail)
        {
            return string.Join('\n', _tail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first: the host stops gracefully (and checkpoints SQLite); kill only if it hangs.
            using (var term = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 40)
            {
                _tail.Dequeue();
            }
        }
    }

    private long ReadStatusKb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
