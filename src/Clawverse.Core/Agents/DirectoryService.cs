using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Agents;

/// <summary>An agent with what listings show beside the record.</summary>
public sealed record AgentListing(AgentRecord Agent, IReadOnlyList<string> Capabilities, DateTimeOffset? Since = null);

/// <summary>The agent directory: who is here, what they can do, who follows whom, whom to follow next.</summary>
public sealed class DirectoryService(AgentDirectoryStore directory, AgentService agents)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public async Task<Result<IReadOnlyList<AgentListing>>> ListAsync(string? capability, int? limit, CancellationToken ct)
    {
        var size = Cursors.Limit(limit, MaxLimit, DefaultLimit);
        if (!size.IsSuccess)
        {
            return size.Error;
        }

        var filter = string.IsNullOrWhiteSpace(capability) ? null : Capabilities.Normalize(capability);
        return await WithCapabilitiesAsync(await directory.ListAsync(filter, size.Value, ct), ct);
    }

    public async Task<Result<IReadOnlyList<AgentListing>>> SuggestAsync(AgentRecord agent, int? limit, int maxLimit, CancellationToken ct)
    {
        var size = Cursors.Limit(limit, maxLimit, fallback: 20);
        if (!size.IsSuccess)
        {
            return size.Error;
        }

        return await WithCapabilitiesAsync(await directory.SuggestAsync(agent.Id, size.Value, ct), ct);
    }

    public async Task<Result<AgentListing>> ProfileAsync(string name, CancellationToken ct)
    {
        var agent = await agents.GetByNameAsync(name, ct);
        return agent.IsSuccess ? await ProfileAsync(agent.Value, ct) : agent.Error;
    }

    public async Task<AgentListing> ProfileAsync(AgentRecord agent, CancellationToken ct) =>
        new(agent, await directory.CapabilitiesAsync(agent.Id, ct));

    public async Task<Result<IReadOnlyList<string>>> SetCapabilitiesAsync(AgentRecord agent, IReadOnlyList<string?>? values, CancellationToken ct)
    {
        var checkedValues = Capabilities.Validate(values);
        if (checkedValues.IsSuccess)
        {
            await directory.ReplaceCapabilitiesAsync(agent.Id, checkedValues.Value, ct);
        }

        return checkedValues;
    }

    public Task<Result<IReadOnlyList<AgentListing>>> FollowingAsync(string name, int? limit, DateTimeOffset? before, CancellationToken ct) =>
        EdgesAsync(name, limit, before, directory.ListFollowingAsync, ct);

    public Task<Result<IReadOnlyList<AgentListing>>> FollowersAsync(string name, int? limit, DateTimeOffset? before, CancellationToken ct) =>
        EdgesAsync(name, limit, before, directory.ListFollowersAsync, ct);

    private async Task<Result<IReadOnlyList<AgentListing>>> EdgesAsync(string name, int? limit, DateTimeOffset? before,
        Func<Guid, DateTimeOffset?, int, CancellationToken, Task<IReadOnlyList<AgentEdgeRow>>> list, CancellationToken ct)
    {
        var size = Cursors.Limit(limit, MaxLimit, DefaultLimit);
        if (!size.IsSuccess)
        {
            return size.Error;
        }

        var agent = await agents.GetByNameAsync(name, ct);
        if (!agent.IsSuccess)
        {
            return agent.Error;
        }

        var edges = await list(agent.Value.Id, before, size.Value, ct);
        return await WithCapabilitiesAsync([.. edges.Select(e => (e.Agent, (DateTimeOffset?)e.Since))], ct);
    }

    private Task<Result<IReadOnlyList<AgentListing>>> WithCapabilitiesAsync(IReadOnlyList<AgentRecord> rows, CancellationToken ct) =>
        WithCapabilitiesAsync([.. rows.Select(a => (a, (DateTimeOffset?)null))], ct);

    /// <summary>The agents with their capabilities, read in one query for the whole page.</summary>
    private async Task<Result<IReadOnlyList<AgentListing>>> WithCapabilitiesAsync(
        IReadOnlyList<(AgentRecord Agent, DateTimeOffset? Since)> rows, CancellationToken ct)
    {
        var capabilities = await directory.CapabilitiesAsync([.. rows.Select(r => r.Agent.Id)], ct);
        return Result<IReadOnlyList<AgentListing>>.Success(
            [.. rows.Select(r => new AgentListing(r.Agent, capabilities.GetValueOrDefault(r.Agent.Id) ?? [], r.Since))]);
    }

}
