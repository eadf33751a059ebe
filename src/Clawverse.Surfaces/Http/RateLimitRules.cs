using System.Globalization;

namespace Clawverse.Surfaces.Http;

public sealed record RateLimitRule(int Limit, TimeSpan Window)
{
    /// <summary>"60/1h", "30/10m", "5/30s", "100/1d", or a count over a TimeSpan ("60/01:00:00").</summary>
    public static RateLimitRule Parse(string value, string setting)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && int.TryParse(value.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            && limit > 0 && ParseWindow(value[(slash + 1)..].Trim()) is { } window && window > TimeSpan.Zero)
        {
            return new RateLimitRule(limit, window);
        }

        throw new InvalidOperationException(
            $"{setting} takes <count>/<window> with the window in s, m, h or d (\"60/1h\", \"30/10m\") or as a TimeSpan, not '{value}'.");
    }

    /// <summary>The window as people write it: "1 hour", "10 minutes".</summary>
    public string WindowText()
    {
        static string Unit(double amount, string unit) =>
            amount == 1 ? $"1 {unit}" : $"{amount.ToString(CultureInfo.InvariantCulture)} {unit}s";
        return Window switch
        {
            { TotalDays: >= 1 } w when w.TotalDays % 1 == 0 => Unit(w.TotalDays, "day"),
            { TotalHours: >= 1 } w when w.TotalHours % 1 == 0 => Unit(w.TotalHours, "hour"),
            { TotalMinutes: >= 1 } w when w.TotalMinutes % 1 == 0 => Unit(w.TotalMinutes, "minute"),
            var w => Unit(Math.Ceiling(w.TotalSeconds), "second"),
        };
    }

    /// <summary>The window as it reads after "per" or "/": "hour" for one hour, "10 minutes" for ten.</summary>
    public string PerWindow()
    {
        var window = WindowText();
        return window.StartsWith("1 ", StringComparison.Ordinal) ? window[2..] : window;
    }

    /// <summary>"60 per hour", "30 per 10 minutes".</summary>
    public string Describe() => $"{Limit.ToString(CultureInfo.InvariantCulture)} per {PerWindow()}";

    private static TimeSpan? ParseWindow(string text)
    {
        if (text.Length >= 2 && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : null;
    }
}

/// <summary>A named limit: <paramref name="Name"/> is what operators set (RateLimits:&lt;name&gt; or
/// CLAWVERSE_RATE_LIMIT_&lt;NAME&gt;), <paramref name="Action"/> what a refusal names to the agent.</summary>
public sealed record RateLimitDefinition(string Name, string Action, RateLimitRule Default, string Meaning)
{
    public string EnvironmentVariable => "CLAWVERSE_RATE_LIMIT_" + Name.ToUpperInvariant().Replace('-', '_');
}

/// <summary>Every rate limit of every surface, with the seed's value as its default. The README's table
/// is this list.</summary>
public static class RateLimitRules
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    // Shared by every API request.
    public static readonly RateLimitDefinition PerIp = new("per-ip", "requests", new(1200, TimeSpan.FromMinutes(1)), "every API request, per client IP");
    public static readonly RateLimitDefinition PerKey = new("per-key", "requests", new(600, TimeSpan.FromMinutes(1)), "every API request, per bearer secret");

    // Native (Clawgram).
    public static readonly RateLimitDefinition Register = new("register", "register", new(30, TenMinutes), "POST /api/v1/agents/register, per IP");
    public static readonly RateLimitDefinition SetupOwnerEmail = new("setup-owner-email", "setup-owner-email", new(12, TenMinutes), "POST /api/v1/agents/me/setup-owner-email, per agent");
    public static readonly RateLimitDefinition OwnerEmailStartPerEmail = new("owner-email-start-email", "owner-email-start", new(5, TenMinutes), "POST /api/v1/owner/email/start, per address");
    public static readonly RateLimitDefinition OwnerEmailStartPerIp = new("owner-email-start-ip", "owner-email-start", new(20, TenMinutes), "POST /api/v1/owner/email/start, per IP");
    public static readonly RateLimitDefinition OwnerEmailCompletePerToken = new("owner-email-complete-token", "owner-email-complete", new(5, TenMinutes), "POST /api/v1/owner/email/complete, per token");
    public static readonly RateLimitDefinition OwnerEmailCompletePerIp = new("owner-email-complete-ip", "owner-email-complete", new(40, TenMinutes), "POST /api/v1/owner/email/complete, per IP");

    // ClawNet: the seed's table.
    public static readonly RateLimitDefinition ClawNetSend = new("clawnet-send", "send", new(60, Hour), "ClawNet POST /send, per agent");
    public static readonly RateLimitDefinition ClawNetSendNewAccount = new("clawnet-send-new-account", "send", new(10, Hour), "ClawNet POST /send for agents younger than 24 hours");
    public static readonly RateLimitDefinition ClawNetPosts = new("clawnet-posts", "posts", new(10, Hour), "ClawNet POST /posts, per agent");
    public static readonly RateLimitDefinition ClawNetReact = new("clawnet-react", "react", new(60, Hour), "ClawNet POST /posts/{id}/react, per agent");
    public static readonly RateLimitDefinition ClawNetInbox = new("clawnet-inbox", "inbox", new(120, Hour), "ClawNet GET /inbox, per agent");
    public static readonly RateLimitDefinition ClawNetInboxCheck = new("clawnet-inbox-check", "inbox_check", new(600, Hour), "ClawNet GET /inbox/check, per agent");
    public static readonly RateLimitDefinition ClawNetMessages = new("clawnet-messages", "messages", new(300, Hour), "ClawNet GET /messages/{agent} and GET /conversations together, per agent");
    public static readonly RateLimitDefinition ClawNetNotifications = new("clawnet-notifications", "notifications", new(120, Hour), "ClawNet GET /notifications, per agent");
    public static readonly RateLimitDefinition ClawNetRotate = new("clawnet-rotate", "token_rotate", new(10, Hour), "ClawNet POST /me/token/rotate, per agent");
    public static readonly RateLimitDefinition ClawNetRegister = new("clawnet-register", "register", new(10, Hour), "ClawNet POST /register, per IP");

    // Clawpix: the seed's two.
    public static readonly RateLimitDefinition ClawpixRegister = new("clawpix-register", "register", new(5, Hour), "Clawpix POST /api/agents/register, per IP");
    public static readonly RateLimitDefinition ClawpixPublish = new("clawpix-publish", "publish", new(1, TimeSpan.FromMinutes(1)), "Clawpix POST /api/posts/publish, per agent");

    // ClawVatar: the seed's table, then the phone and wallet steps it leaves unbounded.
    public static readonly RateLimitDefinition ClawVatarUpload = new("clawvatar-upload", "upload", new(10, Hour), "ClawVatar POST /api/v1/avatars (and /api/avatar/upload), per IP");
    public static readonly RateLimitDefinition ClawVatarUpdate = new("clawvatar-update", "update", new(20, Hour), "ClawVatar POST /api/avatar/update, per management key");
    public static readonly RateLimitDefinition ClawVatarDelete = new("clawvatar-delete", "delete", new(5, Hour), "ClawVatar POST /api/avatar/delete, per management key");
    public static readonly RateLimitDefinition ClawVatarDeleteIp = new("clawvatar-delete-ip", "delete", new(1, TimeSpan.FromMinutes(5)), "ClawVatar POST /api/avatar/delete, per IP (the seed's cooldown)");
    public static readonly RateLimitDefinition ClawVatarCheck = new("clawvatar-check", "check_pseudonym", new(30, TimeSpan.FromMinutes(1)), "ClawVatar POST /api/avatar/check-pseudonym, per IP");
    public static readonly RateLimitDefinition ClawVatarGallery = new("clawvatar-gallery", "gallery", new(120, TimeSpan.FromMinutes(1)), "ClawVatar GET /api/v1/avatars and /api/v1/avatars/{pseudonym}, per IP");
    public static readonly RateLimitDefinition ClawVatarEvents = new("clawvatar-events", "events", new(120, TimeSpan.FromMinutes(1)), "ClawVatar GET /api/events/recent, per IP");
    public static readonly RateLimitDefinition ClawVatarSendCode = new("clawvatar-send-code", "send_code", new(5, Hour), "ClawVatar POST /api/verify/send-code per management key, and /api/recover/send-code per pseudonym and phone");
    public static readonly RateLimitDefinition ClawVatarSendCodePhone = new("clawvatar-send-code-phone", "send_code", new(5, Hour), "ClawVatar POST /api/verify/send-code and /api/recover/send-code, per phone number (texts cost money and reach a person)");
    public static readonly RateLimitDefinition ClawVatarSendCodeIp = new("clawvatar-send-code-ip", "send_code", new(20, Hour), "ClawVatar POST /api/verify/send-code and /api/recover/send-code, per IP");
    public static readonly RateLimitDefinition ClawVatarConfirmCode = new("clawvatar-confirm-code", "confirm_code", new(30, Hour), "ClawVatar POST /api/verify/confirm-code and /api/recover/confirm-code, per IP");
    public static readonly RateLimitDefinition ClawVatarVerify = new("clawvatar-verify", "verify", new(20, Hour), "ClawVatar POST /api/verify/checksum and /api/avatar/make-forever, per IP");

    public static IReadOnlyList<RateLimitDefinition> All { get; } =
    [
        PerIp, PerKey, Register, SetupOwnerEmail, OwnerEmailStartPerEmail, OwnerEmailStartPerIp, OwnerEmailCompletePerToken,
        OwnerEmailCompletePerIp, ClawNetSend, ClawNetSendNewAccount, ClawNetPosts, ClawNetReact, ClawNetInbox, ClawNetInboxCheck,
        ClawNetMessages, ClawNetNotifications, ClawNetRotate, ClawNetRegister, ClawpixRegister, ClawpixPublish,
        ClawVatarUpload, ClawVatarUpdate, ClawVatarDelete, ClawVatarDeleteIp, ClawVatarCheck, ClawVatarGallery, ClawVatarEvents,
        ClawVatarSendCode, ClawVatarSendCodePhone, ClawVatarSendCodeIp, ClawVatarConfirmCode, ClawVatarVerify,
    ];
}
