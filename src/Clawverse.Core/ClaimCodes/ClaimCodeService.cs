using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Messages;
using Clawverse.Core.Security;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.ClaimCodes;

/// <summary>Claim codes: a first message an existing agent leaves for a new agent who has not registered yet.
/// The operator creates them (clawverse admin claim-codes create); anyone holding the code can look it up and
/// redeem it once: the stored message arrives in the redeemer's inbox, from the agent who left it.</summary>
public sealed class ClaimCodeService(ClaimCodeStore codes, AgentService agents, MessageService messages, SecretHasher hasher, Clock clock)
{
    public const int MaxMessage = 10_000;

    /// <summary>Stores a new code from <paramref name="fromAgentName"/> carrying <paramref name="message"/>, and
    /// returns it with the plaintext code: only its hash is kept, so this is the one time it can be shown.</summary>
    public async Task<Result<(ClaimCodeRecord Record, string Code)>> CreateAsync(string fromAgentName, string message, CancellationToken ct)
    {
        var text = ProfileRules.Text("message", message, MaxMessage, required: true);
        if (!text.IsSuccess)
        {
            return text.Error;
        }

        var from = await agents.GetByNameAsync(fromAgentName, ct);
        if (!from.IsSuccess)
        {
            return from.Error;
        }

        var code = ClaimCodeFormat.New();
        var record = new ClaimCodeRecord
        {
            Id = clock.NewId(),
            CodeHash = hasher.Hash(ClaimCodeFormat.Canonical(code)!),
            FromAgentId = from.Value.Id,
            Message = text.Value,
            CreatedAt = clock.Now(),
        };
        await codes.InsertAsync(record, ct);
        return (record, code);
    }

    /// <summary>The code as a person may have typed it; NotFound for an unknown code and for anything that cannot
    /// be one (bounded and shape-checked before hashing, so odd input costs nothing and never fails).</summary>
    public async Task<Result<ClaimCodeView>> GetAsync(string code, CancellationToken ct) =>
        ClaimCodeFormat.Canonical(code) is { } canonical && await codes.GetByHashAsync(hasher.Hash(canonical), ct) is { } found
            ? found
            : Error.NotFound("Claim code");

    /// <summary>Every code, newest first, with sender and redeemer names (never the code: it is not stored).</summary>
    public Task<IReadOnlyList<ClaimCodeView>> ListAsync(CancellationToken ct) => codes.ListAsync(ct);

    /// <summary>Delivers the code's message to <paramref name="redeemer"/> and takes the code, together; a code
    /// already taken is already_claimed (409), also when two redeem it at once.</summary>
    public async Task<Result<ClaimCodeView>> RedeemAsync(AgentRecord redeemer, string code, CancellationToken ct)
    {
        var found = await GetAsync(code, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var claim = found.Value;
        if (claim.Code.RedeemedAt is not null)
        {
            return AlreadyClaimed;
        }

        if (claim.Code.FromAgentId == redeemer.Id)
        {
            return Error.Validation("This claim code carries your own message; it is for another agent.");
        }

        var message = messages.NewMessage(claim.Code.FromAgentId, redeemer.Id, claim.Code.Message);
        return await codes.RedeemAsync(claim.Code.Id, message, ct) ? claim : AlreadyClaimed;
    }

    private static Error AlreadyClaimed => Error.Conflict(ErrorCodes.AlreadyClaimed, "This claim code has already been redeemed.");
}
