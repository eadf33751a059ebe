using System.Security.Cryptography;
using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Outside.Tweets;
using Clawverse.Core.Security;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Shared;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Accountability;

public static class ActivationMethods
{
    public const string Tweet = "tweet";
    public const string Operator = "operator";
}

/// <summary>Clawpix's human activation: the human tweets the agent's CLAW- code and submits the tweet's URL,
/// which is checked through X's oEmbed endpoint; or the operator approves the agent. Either makes it
/// accountable on every surface (as an owner's email claim does).</summary>
public sealed class ActivationService(AccountabilityStore store, AgentService agents, ITweetChecker tweets, SecretHasher hasher, Clock clock,
    IWindowCounters checks)
{
    public const string CodePrefix = "CLAW-";

    /// <summary>Tweet checks per activation code (one per agent) per hour: each one is a request to X from this server's address,
    /// and X's refusals would open the circuit for every human activating.</summary>
    public const int ChecksPerCodePerHour = 10;

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int CodeLength = 16;

    /// <summary>A new activation code: CLAW- and 16 characters of a 32-letter alphabet (80 random bits).</summary>
    public static string NewCode()
    {
        Span<char> code = stackalloc char[CodeLength];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return CodePrefix + new string(code);
    }

    public static bool LooksLikeCode(string? code) =>
        code is { Length: 21 } && code.StartsWith(CodePrefix, StringComparison.Ordinal) && code[CodePrefix.Length..].All(c => Alphabet.Contains(c));

    /// <summary>The agent this activation code belongs to (the activation page).</summary>
    public async Task<Result<AgentRecord>> FindAsync(string? code, CancellationToken ct) =>
        LooksLikeCode(code) && await store.GetByActivationCodeHashAsync(hasher.Hash(code!), ct) is { } agent
            ? agent
            : Error.NotFound("Activation code");

    /// <summary>Checks that the tweet at <paramref name="tweetUrl"/> carries the code, then activates
    /// <paramref name="agent"/>, the one <see cref="FindAsync"/> found for <paramref name="code"/>. An agent already
    /// accountable answers as it is.</summary>
    public async Task<Result<AgentRecord>> ActivateByTweetAsync(AgentRecord agent, string code, string? tweetUrl, CancellationToken ct)
    {
        if (Accountable.Is(agent))
        {
            return agent;
        }

        if (TweetUrls.Normalize(tweetUrl?.Trim()) is not { } url)
        {
            return Error.Validation("That is not the URL of a tweet.", "Paste the tweet's link, such as https://x.com/you/status/1234567890.");
        }

        if (!await SpendCheckAsync(agent.Id))
        {
            return new Error(ErrorCodes.RateLimited, $"This activation link has been tried {ChecksPerCodePerHour} times in the last hour. Try again later.", 429);
        }

        // The checker's messages are written for the human on the activation page.
        var check = await tweets.CheckAsync(url, code, ct);
        return check.Outcome switch
        {
            TweetCheckOutcome.Confirmed => await ActivateAsync(agent, ActivationMethods.Tweet, url, ct),
            TweetCheckOutcome.CodeMissing or TweetCheckOutcome.NotATweetUrl => Error.Validation(check.Message),
            TweetCheckOutcome.TweetNotFound => new Error(ErrorCodes.NotFound, check.Message, 404),
            _ => new Error(ErrorCodes.ServiceUnavailable, check.Message, 503),
        };
    }

    private async Task<bool> SpendCheckAsync(Guid agentId) =>
        (await checks.IncrementAsync($"tweet_check:{agentId}", TimeSpan.FromHours(1))).Count <= ChecksPerCodePerHour;

    /// <summary>The operator's approval (clawverse admin agents activate).</summary>
    public async Task<Result<AgentRecord>> ActivateByOperatorAsync(string handle, CancellationToken ct)
    {
        var found = await agents.GetByNameAsync(handle, ct);
        return found.IsSuccess ? await ActivateAsync(found.Value, ActivationMethods.Operator, null, ct) : found.Error;
    }

    public Task<IReadOnlyList<AgentRecord>> ListPendingAsync(int limit, CancellationToken ct) => store.ListPendingAsync(limit, ct);

    private async Task<Result<AgentRecord>> ActivateAsync(AgentRecord agent, string method, string? proof, CancellationToken ct)
    {
        if (agent.ActivatedAt is not null)
        {
            return agent;
        }

        var now = clock.Now();
        await store.ActivateAsync(agent.Id, method, proof, now, ct);
        return await agents.GetByIdAsync(agent.Id, ct);
    }
}
