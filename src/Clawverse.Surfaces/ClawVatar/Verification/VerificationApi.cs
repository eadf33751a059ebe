using Clawverse.Core.Avatars;
using Clawverse.Core.Errors;
using Clawverse.Surfaces.ClawVatar.Avatars;
using Clawverse.Surfaces.ClawVatar.Http;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawVatar.Verification;

/// <summary>The tiers above unverified: phone codes for humans, key recovery by phone, the checksum for AI
/// avatars and the wallet signature that makes an avatar forever.</summary>
public static class VerificationApi
{
    public static void MapVerificationApi(this IEndpointRouteBuilder routes)
    {
        var verify = routes.MapGroup("/api/verify");
        verify.MapPost("/send-code", SendCode).SendsCode().WithSummary("Text a 6-digit code to a HUMAN avatar's phone.");
        verify.MapPost("/confirm-code", ConfirmCode).ConfirmsCode().WithSummary("Confirm the code: the avatar is verified and never expires.");
        verify.MapPost("/checksum", Checksum)
            .RequireAgent()
            .RateLimited(RateLimitRules.ClawVatarVerify, c => RateLimitHttp.ClientIp(c.HttpContext))
            .WithSummary("Verify an AI avatar with your agent's key (Bearer): links it to your agent and returns your checksum.");

        var recover = routes.MapGroup("/api/recover");
        recover.MapPost("/send-code", SendRecoveryCode).SendsCode().WithSummary("Text a recovery code to the phone a HUMAN avatar was verified with.");
        recover.MapPost("/confirm-code", ConfirmRecovery).ConfirmsCode().WithSummary("Confirm the recovery code: a new management key, the old one dead.");

        routes.MapPost("/api/avatar/make-forever", MakeForever)
            .RateLimited(RateLimitRules.ClawVatarVerify, c => RateLimitHttp.ClientIp(c.HttpContext))
            .WithSummary("Bind a verified avatar to a wallet for good, with a Sign-In with Ethereum signature.");
    }

    public static async Task<Results<SuccessOk<MessageWire>, ApiError>> SendCode(HttpContext http, PhoneVerification phones, CancellationToken ct)
    {
        var fields = await ReadAsync(http, ["pseudonym", "managementKey", "phone"], ct);
        if (!fields.IsSuccess)
        {
            return new ApiError(fields.Error);
        }

        if (await SendLimitsAsync(http, fields.Value["phone"], $"key:{fields.Value["managementKey"]?.Trim()}") is { } limited)
        {
            return limited;
        }

        var sent = await phones.SendVerificationAsync(fields.Value["pseudonym"], fields.Value["managementKey"], fields.Value["phone"], ct);
        return sent.ToClawVatar(_ => new MessageWire("Verification code sent."));
    }

    public static async Task<Results<SuccessOk<VerifiedWire>, ApiError>> ConfirmCode(HttpContext http, PhoneVerification phones, CancellationToken ct)
    {
        var fields = await ReadAsync(http, ["pseudonym", "managementKey", "phone", "code"], ct);
        if (!fields.IsSuccess)
        {
            return new ApiError(fields.Error);
        }

        var f = fields.Value;
        var verified = await phones.ConfirmVerificationAsync(f["pseudonym"], f["managementKey"], f["phone"], f["code"], ct);
        return verified.ToClawVatar(a => new VerifiedWire(true, a.Pseudonym, a.Tier(), a.ExpiresAt));
    }

    public static async Task<Results<SuccessOk<ChecksumWire>, ApiError>> Checksum(
        HttpContext http, CurrentAgent agent, ChecksumVerification checksums, CancellationToken ct)
    {
        var fields = await ReadAsync(http, ["pseudonym", "managementKey"], ct);
        if (!fields.IsSuccess)
        {
            return new ApiError(fields.Error);
        }

        var verified = await checksums.VerifyAsync(agent.Record, fields.Value["pseudonym"], fields.Value["managementKey"], ct);
        return verified.ToClawVatar(v => new ChecksumWire(true, v.Avatar.Pseudonym, v.Checksum, agent.Record.Name, v.Avatar.Tier()));
    }

    /// <summary>Always the same answer: whether a code went out is not told.</summary>
    public static async Task<Results<SuccessOk<MessageWire>, ApiError>> SendRecoveryCode(HttpContext http, PhoneVerification phones, CancellationToken ct)
    {
        var fields = await ReadAsync(http, ["pseudonym", "phone"], ct);
        if (!fields.IsSuccess)
        {
            return new ApiError(fields.Error);
        }

        var phone = PhoneNumbers.ToE164(fields.Value["phone"]);
        if (await SendLimitsAsync(http, fields.Value["phone"], $"recover:{AvatarRules.Normalize(fields.Value["pseudonym"]?.Trim() ?? "")}:{phone}") is { } limited)
        {
            return limited;
        }

        await phones.SendRecoveryAsync(fields.Value["pseudonym"], fields.Value["phone"], ct);
        return new SuccessOk<MessageWire>(new MessageWire("Recovery code sent."));
    }

    public static async Task<Results<SuccessOk<RecoveredWire>, ApiError>> ConfirmRecovery(HttpContext http, PhoneVerification phones, CancellationToken ct)
    {
        var fields = await ReadAsync(http, ["pseudonym", "phone", "code"], ct);
        if (!fields.IsSuccess)
        {
            return new ApiError(fields.Error);
        }

        var recovered = await phones.ConfirmRecoveryAsync(fields.Value["pseudonym"], fields.Value["phone"], fields.Value["code"], ct);
        return recovered.ToClawVatar(key => new RecoveredWire(key, "STORE THIS NEW MANAGEMENT KEY SECURELY. The old key no longer works."));
    }

    public static async Task<Results<SuccessOk<ForeverWire>, ApiError>> MakeForever(HttpContext http, ForeverAvatars forever, CancellationToken ct)
    {
        var fields = await ReadAsync(http, ["pseudonym", "managementKey", "walletAddress", "signature", "message"], ct);
        if (!fields.IsSuccess)
        {
            return new ApiError(fields.Error);
        }

        var f = fields.Value;
        var made = await forever.MakeForeverAsync(f["pseudonym"], f["managementKey"], f["walletAddress"], f["signature"], f["message"], ct);
        return made.ToClawVatar(ClawVatarConverter.ToForeverWire);
    }

    // Send-code endpoints: per IP here, per phone and per key or pseudonym in SendLimits (they are in the body).
    private static RouteHandlerBuilder SendsCode(this RouteHandlerBuilder builder) =>
        builder.RateLimited(RateLimitRules.ClawVatarSendCodeIp, c => RateLimitHttp.ClientIp(c.HttpContext));

    private static RouteHandlerBuilder ConfirmsCode(this RouteHandlerBuilder builder) =>
        builder.RateLimited(RateLimitRules.ClawVatarConfirmCode, c => RateLimitHttp.ClientIp(c.HttpContext));

    /// <summary>The limits a text spends, beside the per-IP filter: per phone number (a text costs money and
    /// reaches a person, whoever asks), and per <paramref name="sender"/> (the management key for verification,
    /// the pseudonym and phone for recovery), so that nobody without the key or the phone can use up another's
    /// budget. A number that is not one spends nothing: the core refuses it.</summary>
    private static async ValueTask<ApiError?> SendLimitsAsync(HttpContext http, string? phone, string sender) =>
        PhoneNumbers.ToE164(phone) is { } e164
            ? await RateLimitHttp.CheckAsync(http, RateLimitRules.ClawVatarSendCodePhone, RateLimitHttp.Fingerprint(e164))
                ?? await RateLimitHttp.CheckAsync(http, RateLimitRules.ClawVatarSendCode, RateLimitHttp.Fingerprint(sender))
            : null;

    /// <summary>The named string fields; absent or null is null.</summary>
    private static async Task<Result<Dictionary<string, string?>>> ReadAsync(HttpContext http, string[] names, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(http.Request, ct);
        var fields = body.IsSuccess ? BodyFields.Read(body.Value, names) : body.Error;
        return fields.IsSuccess ? fields.Value.ToDictionary(pair => pair.Key, pair => pair.Value?.Value) : fields.Error;
    }
}
