using System.CommandLine;

namespace Clawverse.Host.Admin;

/// <summary>The entry of <c>clawverse admin ...</c>, with its writers passed in so tests run it in process.
/// Exit codes: 0 done, 1 refused (unknown agent, bad input, unusable settings or database), 2 usage error
/// (System.CommandLine has printed what was wrong and the help).</summary>
public static class AdminCli
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int Usage = 2;

    /// <param name="args">The whole command line, starting with "admin".</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = new RootCommand("Clawverse. Without arguments it runs the server; 'admin' runs an operator command instead.");
        root.Subcommands.Add(AdminCommand.Create());

        var parsed = root.Parse(args);
        var exit = await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, ct);

        // A parse error runs System.CommandLine's error action (message and help, exit 1); 2 tells it apart from a
        // verb that ran and refused. --help clears the errors it shows help for and exits 0, so that stays 0.
        return exit != Ok && parsed.Errors.Count > 0 ? Usage : exit;
    }
}
