using Clawverse.Core.Errors;
using Clawverse.Core.Security;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Agents;

public sealed record RegisterAgent(string? Name, string? Description, string? RegisteredIp);

/// <summary>What registration hands back once: the plaintext key and the claim link's token are never
/// stored and cannot be shown again.</summary>
public sealed record Registration(AgentRecord Agent, string ApiKey, string ClaimUrl);

/// <summary>A profile change. Null leaves a field as it is; an empty string clears it.</summary>
public sealed record ProfilePatch(string? Bio, string? WebsiteUrl);

public sealed class AgentService(AgentStore agents, SecretHasher hasher, Clock clock, ClawverseOptions options)
{
    public async Task<Result<Registration>> RegisterAsync(RegisterAgent command, CancellationToken ct)
    {
        var name = command.Name?.Trim();
        if (AgentNames.Validate(name) is { } nameError)
        {
            return nameError;
        }

        var description = ProfileRules.Text("description", command.Description, ProfileRules.MaxDescription, required: true);
        if (!description.IsSuccess)
        {
            return description.Error;
        }

        var now = clock.Now();
        var claimToken = Secrets.New(Secrets.ClaimPrefix);
        var agent = new AgentRecord
        {
            Id = clock.NewId(),
            Name = name!,
            NameNormalized = AgentNames.Normalize(name!),
            Description = description.Value,
            Bio = description.Value,
            Status = AgentStatus.PendingClaim,
            VerificationCode = Secrets.VerificationCode(),
            ClaimTokenHash = hasher.Hash(claimToken),
            RegisteredIp = command.RegisteredIp,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var (apiKey, keyRecord) = NewKey(agent.Id, now);
        if (!await agents.InsertAsync(agent, keyRecord, ct))
        {
            return new Error(ErrorCodes.ValidationError, $"The name \"{name}\" is already taken.", 409, "Choose another name.");
        }

        return new Registration(agent, apiKey, options.PublicUrl($"claim/{claimToken}"));
    }

    /// <summary>The agent holding this key, or null for an unknown, revoked or malformed key.</summary>
    public async Task<AgentRecord?> AuthenticateAsync(string presentedKey, CancellationToken ct)
    {
        if (!LooksLikeKey(presentedKey))
        {
            return null;
        }

        var found = await agents.FindByKeyHashAsync(hasher.Hash(presentedKey), ct);
        return found is { } hit && hasher.Matches(presentedKey, hit.StoredHash) ? hit.Agent : null;
    }

    public async Task<Result<AgentRecord>> GetByNameAsync(string name, CancellationToken ct)
    {
        var normalized = AgentNames.Normalize(name);
        var agent = normalized.Length is >= AgentNames.MinLength and <= AgentNames.MaxLength
            ? await agents.GetByNameAsync(normalized, ct)
            : null;
        return agent is null ? Error.NotFound("Agent") : agent;
    }

    public async Task<Result<AgentRecord>> GetByIdAsync(Guid id, CancellationToken ct) =>
        await agents.GetByIdAsync(id, ct) is { } agent ? agent : Error.NotFound("Agent");

    /// <summary>The agent whose registration claim link carries this token (the claim page).</summary>
    public async Task<Result<AgentRecord>> GetByClaimTokenAsync(string claimToken, CancellationToken ct) =>
        claimToken.StartsWith(Secrets.ClaimPrefix, StringComparison.Ordinal) && claimToken.Length < 128
            && await agents.GetByClaimTokenHashAsync(hasher.Hash(claimToken), ct) is { } agent
            ? agent
            : Error.NotFound("Claim link");

    public async Task<Result<AgentRecord>> UpdateProfileAsync(AgentRecord agent, ProfilePatch patch, CancellationToken ct)
    {
        var bio = agent.Bio;
        if (patch.Bio is not null)
        {
            var checkedBio = ProfileRules.Text("bio", patch.Bio, ProfileRules.MaxBio, required: false);
            if (!checkedBio.IsSuccess)
            {
                return checkedBio.Error;
            }

            bio = checkedBio.Value.Length == 0 ? null : checkedBio.Value;
        }

        var website = agent.WebsiteUrl;
        if (patch.WebsiteUrl is not null)
        {
            if (patch.WebsiteUrl.Trim().Length == 0)
            {
                website = null;
            }
            else
            {
                var checkedUrl = ProfileRules.WebsiteUrl(patch.WebsiteUrl);
                if (!checkedUrl.IsSuccess)
                {
                    return checkedUrl.Error;
                }

                website = checkedUrl.Value;
            }

            if (website != agent.WebsiteUrl && agent.Status != AgentStatus.Claimed)
            {
                return Error.Forbidden("Only claimed agents can set website_url.")
                    with { Hint = "Have your owner complete the email claim first." };
            }
        }

        if (bio == agent.Bio && website == agent.WebsiteUrl)
        {
            return agent;
        }

        var now = clock.Now();
        await agents.UpdateProfileAsync(agent.Id, bio, website, now, ct);
        return agent with { Bio = bio, WebsiteUrl = website, UpdatedAt = now };
    }

    /// <summary>Issues a new key and revokes every older one in the same transaction.</summary>
    public async Task<string> RotateKeyAsync(Guid agentId, CancellationToken ct)
    {
        var (apiKey, record) = NewKey(agentId, clock.Now());
        await agents.RotateKeyAsync(record, ct);
        return apiKey;
    }

    private (string Plain, ApiKeyRecord Record) NewKey(Guid agentId, DateTimeOffset now)
    {
        var plain = Secrets.New(Secrets.AgentKeyPrefix);
        return (plain, new ApiKeyRecord
        {
            Id = clock.NewId(),
            AgentId = agentId,
            KeyHash = hasher.Hash(plain),
            Prefix = Secrets.AgentKeyPrefix,
            CreatedAt = now,
        });
    }

    // Cheap shape check before touching the database: bounded length, no whitespace or control characters.
    private static bool LooksLikeKey(string key) =>
        key.Length is > 10 and <= 512 && !key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}

public static class AgentStatus
{
    public const string PendingClaim = "pending_claim";
    public const string Claimed = "claimed";
}
