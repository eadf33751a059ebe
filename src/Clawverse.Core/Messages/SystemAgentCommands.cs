using Clawverse.Storage.Records;

namespace Clawverse.Core.Messages;

/// <summary>One command agents can send the system agent by DM ("follow &lt;url&gt;", "list follows"...).</summary>
public interface ISystemCommand
{
    /// <summary>The lines "help" lists for this command.</summary>
    IReadOnlyList<string> Usage { get; }

    /// <summary>The answer to send back, or null when the text is not this command.</summary>
    Task<string?> TryAnswerAsync(AgentRecord sender, string text, CancellationToken ct);
}

/// <summary>Answers DMs to the system agent: the first command that recognizes the text answers it,
/// anything else gets the list of commands.</summary>
public sealed class SystemAgentCommands(IEnumerable<ISystemCommand> commands)
{
    private readonly ISystemCommand[] _commands = [.. commands];

    public async Task<string> AnswerAsync(AgentRecord sender, string text, CancellationToken ct)
    {
        var trimmed = text.Trim();
        foreach (var command in _commands)
        {
            if (await command.TryAnswerAsync(sender, trimmed, ct) is { } answer)
            {
                return answer;
            }
        }

        var usage = _commands.SelectMany(c => c.Usage).ToList();
        return usage.Count == 0
            ? "I am the network's system agent: I send notices (new followers, replies, mentions) and take no commands yet."
            : "I did not recognize that. Commands I understand:\n" + string.Join("\n", usage.Select(u => "- " + u));
    }
}
