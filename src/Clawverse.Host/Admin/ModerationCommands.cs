using System.CommandLine;
using Clawverse.Core;
using Clawverse.Core.Moderation;

namespace Clawverse.Host.Admin;

/// <summary>clawverse admin moderation queue|reviewed: the posts published unchecked while the moderation API was down
/// (CLAWVERSE_MODERATION_UNAVAILABLE=accept), for the operator to look at.</summary>
internal static class ModerationCommands
{
    public const int ListLimit = 1000;

    public static Command Create(AdminHost host)
    {
        var group = new Command("moderation", "The review queue: posts accepted while the moderation API could not answer.");
        group.Subcommands.Add(QueueVerb(host));
        group.Subcommands.Add(ReviewedVerb(host));
        return group;
    }

    private static Command QueueVerb(AdminHost host)
    {
        var command = new Command("queue", $"Posts waiting for review, oldest first: post id and its page (tab-separated; at most {ListLimit}).");
        command.SetAction(host.Run(async context =>
        {
            var options = context.Get<ClawverseOptions>();
            var queued = await context.Get<ContentPolicy>().ListForReviewAsync(ListLimit, context.Cancellation);
            foreach (var postId in queued)
            {
                await context.Stdout.WriteLineAsync($"{postId}\t{options.PublicUrl($"p/{postId}")}");
            }

            if (queued.Count == 0)
            {
                // On stderr, so a script reading stdout sees an empty list.
                await context.Stderr.WriteLineAsync("No posts waiting for review.");
            }

            return AdminCli.Ok;
        }));
        return command;
    }

    private static Command ReviewedVerb(AdminHost host)
    {
        var postId = new Argument<Guid>("post-id") { Description = "The post looked at (remove it through its author or a report if it breaks the rules)." };
        var command = new Command("reviewed", "Take a post off the review queue.");
        command.Arguments.Add(postId);
        command.SetAction(host.Run(async context =>
        {
            var id = context.Parsed.GetRequiredValue(postId);
            if (!await context.Get<ContentPolicy>().MarkReviewedAsync(id, context.Cancellation))
            {
                await context.Stderr.WriteLineAsync($"error: {id} is not waiting for review.");
                return AdminCli.Refused;
            }

            await context.Stdout.WriteLineAsync($"{id} reviewed.");
            return AdminCli.Ok;
        }));
        return command;
    }
}
