using System.Diagnostics;
using System.Globalization;

namespace Clawverse.Bench;

/// <summary>Input images, made with the libvips command-line tools (independently of the server's NetVips) once
/// and kept in the data root: eight small templates for the seeded media, and the 2048×2048 JPEG of about 1.5 MB
/// for the publish scenario (a smooth gradient under Gaussian noise, saved at Q 90: noise is what makes a photo's
/// size, and what makes encoding cost what a photo costs).</summary>
public sealed class BenchImages
{
    public const int LargeEdge = 2048;
    private const int TemplateCount = 8;

    private BenchImages(IReadOnlyList<string> templates, string large)
    {
        Templates = templates;
        Large = large;
    }

    public IReadOnlyList<string> Templates { get; }

    public string Large { get; }

    public long LargeBytes => new FileInfo(Large).Length;

    public static async Task<BenchImages> PrepareAsync(string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var templates = new List<string>();
        for (var k = 0; k < TemplateCount; k++)
        {
            var path = Path.Combine(directory, $"template-{k}.jpg");
            if (!File.Exists(path))
            {
                await MakeAsync(directory, path, 320 + (k * 16), 240 + (k * 8), sigma: 6, seed: k, quality: 85, ct);
            }

            templates.Add(path);
        }

        var large = Path.Combine(directory, $"large-{LargeEdge}.jpg");
        if (!File.Exists(large))
        {
            await MakeAsync(directory, large, LargeEdge, LargeEdge, sigma: 9, seed: 42, quality: 90, ct);
        }

        return new BenchImages(templates, large);
    }

    /// <summary>Gradient (x, y, constant bands) plus noise, cast to 8 bits, saved as JPEG.</summary>
    private static async Task MakeAsync(string directory, string output, int width, int height, int sigma, int seed, int quality, CancellationToken ct)
    {
        string Temp(string name) => Path.Combine(directory, $"tmp-{seed}-{name}.v");
        var (w, h) = (width.ToString(CultureInfo.InvariantCulture), height.ToString(CultureInfo.InvariantCulture));
        var scale = (200.0 / Math.Max(width, height)).ToString("0.####", CultureInfo.InvariantCulture);
        await RunAsync("vips", ["gaussnoise", Temp("noise"), w, h, "--mean", "0", "--sigma", $"{sigma}", "--seed", $"{seed}"], ct);
        await RunAsync("vips", ["xyz", Temp("xy"), w, h], ct);
        await RunAsync("vips", ["bandjoin_const", Temp("xy"), Temp("xyz"), $"{seed * 40 % 256}"], ct);
        await RunAsync("vips", ["linear", Temp("xyz"), Temp("gradient"), $"{scale} {scale} 0.8", $"{20 + (seed * 25 % 60)} 40 30"], ct);
        await RunAsync("vips", ["add", Temp("gradient"), Temp("noise"), Temp("sum")], ct);
        await RunAsync("vips", ["cast", Temp("sum"), $"{output}[Q={quality},strip]", "uchar"], ct);
        foreach (var file in Directory.EnumerateFiles(directory, $"tmp-{seed}-*.v"))
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs a libvips command-line tool; throws with its stderr when it fails.</summary>
    public static async Task RunAsync(string tool, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', start.ArgumentList)} failed: {await stderr}");
        }
    }
}
