using System.CommandLine;

namespace Clawverse.Host.Admin;

/// <summary>The frame: the "admin" command, the server's settings on it, and one command group per file.
/// A new verb is a new *Commands.cs beside ClaimCodesCommands.cs and one line here.</summary>
internal static class AdminCommand
{
    public static Command Create()
    {
        var host = new AdminHost();
        var admin = new Command("admin", "Operator commands, run against the server's settings and database without starting the server.");
        host.AddSettingsTo(admin);
        admin.Subcommands.Add(ClaimCodesCommands.Create(host));
        admin.Subcommands.Add(AgentsCommands.Create(host));
        admin.Subcommands.Add(ModerationCommands.Create(host));
        admin.Subcommands.Add(AvatarsCommands.Create(host));
        return admin;
    }
}
