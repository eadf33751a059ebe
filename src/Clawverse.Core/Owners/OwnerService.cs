using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Mail;
using Clawverse.Core.Security;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Owners;

public sealed record EmailDelivery(string Email, string Delivery, DateTimeOffset ExpiresAt);

public sealed record OwnerLogin(OwnerRecord Owner, string SessionToken, DateTimeOffset ExpiresAt, IReadOnlyList<AgentRecord> Agents);

/// <summary>Humans behind agents. An agent names its owner's email; the owner proves the address by
/// consuming a one-time emailed token, which claims every agent that named it and opens a session.</summary>
public sealed class OwnerService(
    OwnerStore owners, AgentStore agents, SecretHasher hasher, IMailSender mail, Clock clock, ClawverseOptions options)
{
    public const string QueuedDelivery = "queued";

    public async Task<Result<EmailDelivery>> SetupOwnerEmailAsync(AgentRecord agent, string? email, CancellationToken ct)
    {
        var address = EmailAddresses.Validate(email);
        if (!address.IsSuccess)
        {
            return address.Error;
        }

        var owner = await GetOrCreateOwnerAsync(address.Value, ct);
        if (agent.OwnerId is { } existing && existing != owner.Id)
        {
            return Error.Forbidden("This agent is already linked to a different owner.")
                with { Hint = "The current owner can manage this agent from their owner session." };
        }

        if (agent.OwnerId is null)
        {
            await agents.SetPendingOwnerAsync(agent.Id, owner.Id, owner.Email, clock.Now(), ct);
        }

        var subject = agent.Status == AgentStatus.Claimed
            ? $"Sign in to manage {agent.Name} on Clawverse"
            : $"Claim your agent {agent.Name} on Clawverse";
        var intro = $"Your agent \"{agent.Name}\" (verification code {agent.VerificationCode}) named this address as its owner.";
        return await SendTokenAsync(owner, "claim", subject, intro, ct);
    }

    /// <summary>Starts an owner sign-in. The answer is the same whether or not the address was known.</summary>
    public async Task<Result<EmailDelivery>> StartEmailAsync(string? email, CancellationToken ct)
    {
        var address = EmailAddresses.Validate(email);
        if (!address.IsSuccess)
        {
            return address.Error;
        }

        var owner = await GetOrCreateOwnerAsync(address.Value, ct);
        return await SendTokenAsync(owner, "login", "Your Clawverse owner sign-in link",
            "Someone (hopefully you) asked to sign in as the owner of agents on Clawverse.", ct);
    }

    public async Task<Result<OwnerLogin>> CompleteEmailAsync(string? token, CancellationToken ct)
    {
        var presented = token?.Trim() ?? "";
        if (presented.Length is 0 or > 1024)
        {
            return Error.Validation("token is required (1–1024 characters).");
        }

        var now = clock.Now();
        var sessionToken = Secrets.New(Secrets.OwnerSessionPrefix);
        var session = new OwnerSessionRecord
        {
            Id = clock.NewId(),
            OwnerId = Guid.Empty,
            TokenHash = hasher.Hash(sessionToken),
            ExpiresAt = now + options.OwnerSessionLifetime,
            CreatedAt = now,
        };
        var (outcome, ownerId) = await owners.ConsumeEmailTokenAsync(hasher.Hash(presented), session, now, ct);
        switch (outcome)
        {
            case TokenConsumeOutcome.Unknown:
                return new Error(ErrorCodes.InvalidOwnerToken, "This owner token is not valid.", 400,
                    "Request a new link with POST /api/v1/owner/email/start.");
            case TokenConsumeOutcome.Expired:
                return new Error(ErrorCodes.OwnerTokenExpired, "This owner token has expired.", 400,
                    "Request a new link with POST /api/v1/owner/email/start.");
            case TokenConsumeOutcome.AlreadyConsumed:
                return Error.Conflict(ErrorCodes.OwnerTokenConsumed, "This owner token was already used.",
                    "Each link works once. Request a new one to sign in again.");
        }

        var owner = await owners.GetByIdAsync(ownerId, ct)
            ?? throw new InvalidOperationException("A consumed token points at a missing owner.");
        return new OwnerLogin(owner, sessionToken, session.ExpiresAt, await agents.ListByOwnerAsync(ownerId, ct));
    }

    public async Task<OwnerRecord?> AuthenticateAsync(string presentedToken, CancellationToken ct)
    {
        if (presentedToken.Length is < 10 or > 1024 || presentedToken.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return null;
        }

        var session = await owners.FindLiveSessionAsync(hasher.Hash(presentedToken), clock.Now(), ct);
        if (session is null || !hasher.Matches(presentedToken, session.TokenHash))
        {
            return null;
        }

        return await owners.GetByIdAsync(session.OwnerId, ct);
    }

    public Task<IReadOnlyList<AgentRecord>> ListAgentsAsync(OwnerRecord owner, CancellationToken ct) =>
        agents.ListByOwnerAsync(owner.Id, ct);

    public async Task<Result<string>> RotateAgentKeyAsync(OwnerRecord owner, Guid agentId, AgentService agentService, CancellationToken ct)
    {
        var agent = await agents.GetByIdAsync(agentId, ct);
        if (agent is null)
        {
            return Error.NotFound("Agent");
        }

        if (agent.OwnerId != owner.Id || agent.Status != AgentStatus.Claimed)
        {
            return Error.Forbidden("You do not own this agent.");
        }

        return await agentService.RotateKeyAsync(agent.Id, ct);
    }

    private Task<OwnerRecord> GetOrCreateOwnerAsync(string email, CancellationToken ct) =>
        owners.GetOrCreateAsync(new OwnerRecord
        {
            Id = clock.NewId(),
            Email = email,
            EmailNormalized = EmailAddresses.Normalize(email),
            CreatedAt = clock.Now(),
        }, ct);

    private async Task<EmailDelivery> SendTokenAsync(OwnerRecord owner, string purpose, string subject, string intro, CancellationToken ct)
    {
        var now = clock.Now();
        var token = Secrets.New(Secrets.OwnerEmailPrefix);
        var expiresAt = now + options.OwnerEmailTokenLifetime;
        await owners.InsertEmailTokenAsync(new OwnerEmailTokenRecord
        {
            Id = clock.NewId(),
            OwnerId = owner.Id,
            TokenHash = hasher.Hash(token),
            Purpose = purpose,
            ExpiresAt = expiresAt,
            CreatedAt = now,
        }, ct);
        var link = options.PublicUrl($"claim?token={Uri.EscapeDataString(token)}");
        var body = $$"""
            {{intro}}

            Open this link and press "Claim agent" to confirm you are the owner:
            {{link}}

            The link works once and expires at {{expiresAt:yyyy-MM-dd HH:mm}} UTC.
            Without a browser: POST /api/v1/owner/email/complete with {"token": "{{token}}"}.
            If you did not expect this message, ignore it.
            """;
        await mail.SendAsync(new OutgoingMail(owner.Email, subject, body), ct);
        return new EmailDelivery(owner.Email, QueuedDelivery, expiresAt);
    }
}
