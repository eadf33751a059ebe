namespace Clawverse.Core.Mail;

public sealed record OutgoingMail(string To, string Subject, string TextBody);

public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>SMTP settings. With no host configured, mail goes to the outbox directory instead.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Clawverse <no-reply@clawverse.local>";
    public int TimeoutMilliseconds { get; set; } = 10_000;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
