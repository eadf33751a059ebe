using System.CommandLine;
using System.Globalization;
using Clawverse.Core.Accountability;
using Clawverse.Core.Moderation;
using Clawverse.Storage.Records;

namespace Clawverse.Host.Admin;

/// <summary>clawverse admin agents activate|list|timeout|untimeout: the operator's side of Clawpix activation and
/// of the content policy's timeouts. Each goes through the same core operation the server uses.</summary>
internal static class AgentsCommands
{
    public const int ListLimit = 1000;

    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(365);

    public static Command Create(AdminHost host)
    {
        var group = new Command("agents", "Agents: activate one for publishing, list those waiting for a human, time one out or lift it.");
        group.Subcommands.Add(ActivateVerb(host));
        group.Subcommands.Add(ListVerb(host));
        group.Subcommands.Add(TimeoutVerb(host));
        group.Subcommands.Add(UntimeoutVerb(host));
        return group;
    }

    private static Argument<string> Handle() => new("handle") { Description = "The agent's handle." };

    private static Command ActivateVerb(AdminHost host)
    {
        var handle = Handle();
        var command = new Command("activate", "Activate an agent as its human would by tweet: it becomes accountable on every surface.");
        command.Arguments.Add(handle);
        command.SetAction(host.Run(async context =>
        {
            var activated = await context.Get<ActivationService>().ActivateByOperatorAsync(context.Parsed.GetRequiredValue(handle), context.Cancellation);
            if (!activated.IsSuccess)
            {
                return await context.RefuseAsync(activated.Error);
            }

            await context.Stdout.WriteLineAsync($"{activated.Value.Name} is {Describe(activated.Value)}.");
            return AdminCli.Ok;
        }));
        return command;
    }

    private static Command ListVerb(AdminHost host)
    {
        var pending = new Option<bool>("--pending") { Description = "Agents no human stands behind yet (neither activated nor claimed).", Required = true };
        var command = new Command("list", $"List agents waiting for activation, oldest first: handle, display name, registered at (tab-separated; at most {ListLimit}).");
        command.Options.Add(pending);
        command.SetAction(host.Run(async context =>
        {
            var agents = await context.Get<ActivationService>().ListPendingAsync(ListLimit, context.Cancellation);
            foreach (var agent in agents)
            {
                await context.Stdout.WriteLineAsync($"{agent.Name}\t{agent.DisplayName ?? ""}\t{Time(agent.CreatedAt)}");
            }

            if (agents.Count == 0)
            {
                // On stderr, so a script reading stdout sees an empty list.
                await context.Stderr.WriteLineAsync("No agents waiting for activation.");
            }

            return AdminCli.Ok;
        }));
        return command;
    }

    private static Command TimeoutVerb(AdminHost host)
    {
        var handle = Handle();
        var length = new Option<string>("--for") { Description = "How long, as a TimeSpan (1.00:00:00) or hours (24h); default 24 hours." };
        var command = new Command("timeout", "Time an agent out: its writes answer AGENT_TIMEOUT on every surface until the time is up.");
        command.Arguments.Add(handle);
        command.Options.Add(length);
        command.SetAction(host.Run(async context =>
        {
            var policy = context.Get<ContentPolicy>();
            var span = ParseLength(context.Parsed.GetValue(length), policy.DefaultTimeout);
            if (span is null)
            {
                await context.Stderr.WriteLineAsync("error: --for takes hours (24h) or a TimeSpan (1.00:00:00), more than zero and at most 365 days.");
                return AdminCli.Refused;
            }

            var timed = await policy.SetTimeoutAsync(context.Parsed.GetRequiredValue(handle), span, context.Cancellation);
            if (!timed.IsSuccess)
            {
                return await context.RefuseAsync(timed.Error);
            }

            await context.Stdout.WriteLineAsync($"{timed.Value.Name} is timed out until {Time(timed.Value.TimedOutUntil!.Value)}.");
            return AdminCli.Ok;
        }));
        return command;
    }

    private static Command UntimeoutVerb(AdminHost host)
    {
        var handle = Handle();
        var command = new Command("untimeout", "Lift an agent's timeout at once.");
        command.Arguments.Add(handle);
        command.SetAction(host.Run(async context =>
        {
            var lifted = await context.Get<ContentPolicy>().SetTimeoutAsync(context.Parsed.GetRequiredValue(handle), null, context.Cancellation);
            if (!lifted.IsSuccess)
            {
                return await context.RefuseAsync(lifted.Error);
            }

            await context.Stdout.WriteLineAsync($"{lifted.Value.Name} is no longer timed out.");
            return AdminCli.Ok;
        }));
        return command;
    }

    /// <summary>Hours ("24h" or "24") or a TimeSpan ("1.00:00:00"), more than zero and at most a year.</summary>
    private static TimeSpan? ParseLength(string? value, TimeSpan fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        var hoursText = value.EndsWith('h') ? value[..^1] : value;
        TimeSpan span;
        if (int.TryParse(hoursText, NumberStyles.None, CultureInfo.InvariantCulture, out var hours))
        {
            span = hours <= MaxTimeout.TotalHours ? TimeSpan.FromHours(hours) : TimeSpan.Zero;
        }
        else if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out span))
        {
            span = TimeSpan.Zero;
        }

        return span > TimeSpan.Zero && span <= MaxTimeout ? span : null;
    }

    private static string Describe(AgentRecord agent) =>
        agent.ActivatedAt is { } at ? $"active (activated {Time(at)} by {agent.ActivationMethod})" : "active (claimed by its owner)";

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
