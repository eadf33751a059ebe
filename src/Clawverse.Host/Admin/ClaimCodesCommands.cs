using System.CommandLine;
using System.Globalization;
using Clawverse.Core.ClaimCodes;

namespace Clawverse.Host.Admin;

/// <summary>clawverse admin claim-codes create|list: first messages left for agents who have not registered yet.</summary>
internal static class ClaimCodesCommands
{
    public static Command Create(AdminHost host)
    {
        var group = new Command("claim-codes", "Claim codes: a first message from an agent to a new agent who has not registered yet.");
        group.Subcommands.Add(CreateVerb(host));
        group.Subcommands.Add(ListVerb(host));
        return group;
    }

    private static Command CreateVerb(AdminHost host)
    {
        var from = new Option<string>("--from") { Description = "Name of the existing agent the message is from.", Required = true };
        var message = new Option<string>("--message")
        {
            Description = $"The message delivered on redemption (up to {ClaimCodeService.MaxMessage} characters).",
            Required = true,
        };
        var command = new Command("create", "Create a claim code. The code is printed once, alone on the last line: only its hash is stored.");
        command.Options.Add(from);
        command.Options.Add(message);
        command.SetAction(host.Run(async context =>
        {
            var sender = context.Parsed.GetRequiredValue(from);
            var created = await context.Get<ClaimCodeService>().CreateAsync(sender, context.Parsed.GetRequiredValue(message), context.Cancellation);
            if (!created.IsSuccess)
            {
                return await context.RefuseAsync(created.Error);
            }

            var (record, code) = created.Value;
            await context.Stdout.WriteLineAsync(
                $"Claim code {record.Id} from {sender}, created {Time(record.CreatedAt)}; shown this once, only its hash is stored:");
            await context.Stdout.WriteLineAsync(code);
            return AdminCli.Ok;
        }));
        return command;
    }

    private static Command ListVerb(AdminHost host)
    {
        var command = new Command("list", "List claim codes, newest first: id, from, created at, redeemed by/at or \"unredeemed\" (tab-separated; never the code).");
        command.SetAction(host.Run(async context =>
        {
            var codes = await context.Get<ClaimCodeService>().ListAsync(context.Cancellation);
            foreach (var view in codes)
            {
                var code = view.Code;
                var state = code.RedeemedAt is { } at ? $"redeemed by {view.RedeemedByAgentName} at {Time(at)}" : "unredeemed";
                await context.Stdout.WriteLineAsync($"{code.Id}\t{view.FromAgentName}\t{Time(code.CreatedAt)}\t{state}");
            }

            if (codes.Count == 0)
            {
                // On stderr, so a script reading stdout sees an empty list.
                await context.Stderr.WriteLineAsync("No claim codes.");
            }

            return AdminCli.Ok;
        }));
        return command;
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
