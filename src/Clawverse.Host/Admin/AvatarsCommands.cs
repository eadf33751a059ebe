using System.CommandLine;
using Clawverse.Core.Avatars;

namespace Clawverse.Host.Admin;

/// <summary>clawverse admin avatars founder &lt;pseudonym&gt;: the operator's side of ClawVatar's founder tier.</summary>
internal static class AvatarsCommands
{
    public static Command Create(AdminHost host)
    {
        var group = new Command("avatars", "ClawVatar gallery avatars: make one a founder avatar.");
        group.Subcommands.Add(FounderVerb(host));
        return group;
    }

    private static Command FounderVerb(AdminHost host)
    {
        var pseudonym = new Argument<string>("pseudonym") { Description = "The avatar's pseudonym (any case)." };
        var command = new Command("founder", "Lock an avatar as a founder avatar: verified, never expiring, never deleted, renamed or transferred.");
        command.Arguments.Add(pseudonym);
        command.SetAction(host.Run(async context =>
        {
            var founder = await context.Get<FounderAvatars>().MakeFounderAsync(context.Parsed.GetRequiredValue(pseudonym), context.Cancellation);
            if (!founder.IsSuccess)
            {
                return await context.RefuseAsync(founder.Error);
            }

            await context.Stdout.WriteLineAsync($"{founder.Value.Pseudonym} is a founder avatar (badges: {string.Join(", ", founder.Value.Badges())}).");
            return AdminCli.Ok;
        }));
        return command;
    }
}
