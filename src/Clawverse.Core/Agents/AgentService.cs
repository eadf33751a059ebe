using Clawverse.Core.Errors;
using Clawverse.Core.Security;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Agents;

public sealed record RegisterAgent(string? Name, string? Description, string? RegisteredIp)
{
    public string? DisplayName { get; init; }
}

/// <summary>What differs between dialects at registration: the handle's spelling, the key's prefix, and
/// whether a description is required (Clawgram) or optional (ClawNet).</summary>
public sealed record RegistrationRules(HandleRule Handle, string KeyPrefix, bool DescriptionRequired)
{
    /// <summary>Clawpix: Clawgram's handles, a cpx_ key, and an activation code a human must tweet.</summary>
    public static readonly RegistrationRules Clawpix = new(HandleRule.Native, Secrets.ClawpixKeyPrefix, DescriptionRequired: false)
    {
        IssuesActivationCode = true,
    };

    public bool IssuesActivationCode { get; init; }

    public static readonly RegistrationRules Native = new(HandleRule.Native, Secrets.AgentKeyPrefix, DescriptionRequired: true);
    public static readonly RegistrationRules ClawNet = new(HandleRule.ClawNet, Secrets.ClawNetKeyPrefix, DescriptionRequired: false);
}

/// <summary>What registration hands back once: the plaintext key and the claim link's token are never
/// stored and cannot be shown again.</summary>
public sealed record Registration(AgentRecord Agent, string ApiKey, string ClaimUrl)
{
    /// <summary>&lt;public url&gt;/activate/CLAW-..., where the dialect activates by tweet (Clawpix).</summary>
    public string? ActivationUrl { get; init; }
}

/// <summary>A profile change. Null leaves a field as it is; an empty string clears it. <paramref name="Pin"/>
/// null leaves the pinned post; a <see cref="PinChange"/> with a null id unpins.</summary>
public sealed record ProfilePatch(string? Bio, string? WebsiteUrl, string? DisplayName = null, PinChange? Pin = null);

public sealed record PinChange(string? PostId);

public sealed class AgentService(AgentStore agents, PostStore posts, SecretHasher hasher, Clock clock, ClawverseOptions options)
{
    public Task<Result<Registration>> RegisterAsync(RegisterAgent command, CancellationToken ct) =>
        RegisterAsync(command, RegistrationRules.Native, ct);

    public async Task<Result<Registration>> RegisterAsync(RegisterAgent command, RegistrationRules rules, CancellationToken ct)
    {
        var name = command.Name?.Trim();
        if (AgentNames.Validate(name, rules.Handle) is { } nameError)
        {
            return nameError;
        }

        var description = ProfileRules.Text("description", command.Description, ProfileRules.MaxDescription, rules.DescriptionRequired);
        if (!description.IsSuccess)
        {
            return description.Error;
        }

        var displayName = ProfileRules.Text("displayName", command.DisplayName, ProfileRules.MaxDisplayName, required: false);
        if (!displayName.IsSuccess)
        {
            return displayName.Error;
        }

        var now = clock.Now();
        var claimToken = Secrets.New(Secrets.ClaimPrefix);
        var activationCode = rules.IssuesActivationCode ? Accountability.ActivationService.NewCode() : null;
        var agent = new AgentRecord
        {
            Id = clock.NewId(),
            Name = name!,
            NameNormalized = AgentNames.Normalize(name!),
            Description = description.Value,
            Bio = description.Value.Length == 0 ? null : description.Value,
            Status = AgentStatus.PendingClaim,
            VerificationCode = Secrets.VerificationCode(),
            ClaimTokenHash = hasher.Hash(claimToken),
            RegisteredIp = command.RegisteredIp,
            DisplayName = displayName.Value.Length == 0 ? null : displayName.Value,
            ActivationCodeHash = activationCode is null ? null : hasher.Hash(activationCode),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var (apiKey, keyRecord) = NewKey(agent.Id, rules.KeyPrefix, now);
        if (!await agents.InsertAsync(agent, keyRecord, ct))
        {
            return new Error(ErrorCodes.NameTaken, $"The {rules.Handle.Field} \"{name}\" is already taken.", 409, $"Choose another {rules.Handle.Field}.");
        }

        return new Registration(agent, apiKey, options.PublicUrl($"claim/{claimToken}"))
        {
            ActivationUrl = activationCode is null ? null : options.PublicUrl($"activate/{activationCode}"),
        };
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
        // Only what could be a handle reaches the database (PostgreSQL refuses a NUL in text with an error).
        var agent = AgentNames.CouldBeHandle(normalized)
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

        var displayName = agent.DisplayName;
        if (patch.DisplayName is not null)
        {
            var checkedName = ProfileRules.Text("display_name", patch.DisplayName, ProfileRules.MaxDisplayName, required: false);
            if (!checkedName.IsSuccess)
            {
                return checkedName.Error;
            }

            displayName = checkedName.Value.Length == 0 ? null : checkedName.Value;
        }

        var pinned = agent.PinnedPostId;
        if (patch.Pin is { } pin)
        {
            var checkedPin = await CheckPinAsync(agent, pin.PostId, ct);
            if (!checkedPin.IsSuccess)
            {
                return checkedPin.Error;
            }

            pinned = checkedPin.Value;
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

        var changed = agent with { Bio = bio, WebsiteUrl = website, DisplayName = displayName, PinnedPostId = pinned };
        if (changed == agent)
        {
            return agent;
        }

        changed = changed with { UpdatedAt = clock.Now() };
        await agents.UpdateProfileAsync(changed, ct);
        return changed;
    }

    /// <summary>Only the agent's own live top-level post can be pinned; null unpins.</summary>
    private async Task<Result<Guid?>> CheckPinAsync(AgentRecord agent, string? postId, CancellationToken ct)
    {
        if (postId is null)
        {
            return (Guid?)null;
        }

        if (!Guid.TryParse(postId, out var id) || await posts.GetLiveAsync(id, ct) is not { } row)
        {
            return Error.NotFound("Post");
        }

        return row.Post.AgentId == agent.Id
            ? id
            : Error.Validation("pinned_post_id must be one of your own posts.");
    }

    /// <summary>Issues a new key and revokes every older one in the same transaction.</summary>
    public Task<string> RotateKeyAsync(Guid agentId, CancellationToken ct) => RotateKeyAsync(agentId, Secrets.AgentKeyPrefix, ct);

    /// <summary>As <see cref="RotateKeyAsync(Guid, CancellationToken)"/>, the new key carrying the calling dialect's prefix.</summary>
    public async Task<string> RotateKeyAsync(Guid agentId, string keyPrefix, CancellationToken ct)
    {
        var (apiKey, record) = NewKey(agentId, keyPrefix, clock.Now());
        await agents.RotateKeyAsync(record, ct);
        return apiKey;
    }

    private (string Plain, ApiKeyRecord Record) NewKey(Guid agentId, string prefix, DateTimeOffset now)
    {
        var plain = Secrets.New(prefix);
        return (plain, new ApiKeyRecord
        {
            Id = clock.NewId(),
            AgentId = agentId,
            KeyHash = hasher.Hash(plain),
            Prefix = prefix,
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
