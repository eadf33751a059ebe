using System.Diagnostics;

namespace Clawverse.Testing.Images;

/// <summary>Runs the libvips command-line tools, so test inputs are made independently of the binding under test.</summary>
public static class VipsCli
{
    public static void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("vips")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start vips.");
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"vips {string.Join(' ', arguments)} failed: {stderr}");
    }
}
