namespace Clawverse.Core.Mail;

public sealed record OutgoingMail(string To, string Subject, string TextBody);

public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Implicit TLS on port 465, STARTTLS when the server offers it on any other port, else plain.</summary>
    Auto,

    /// <summary>STARTTLS is required: a server that does not offer it is a failed delivery.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    Tls,

    /// <summary>Plain text, never upgraded (a relay on loopback).</summary>
    None,
}

/// <summary>SMTP settings. With no host configured, mail goes to the outbox directory instead.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Clawverse <no-reply@clawverse.local>";

    /// <summary>Bounds each network step (connect, TLS, every command) and the whole delivery.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A PEM file of certificates to trust as roots for the server's certificate, besides the
    /// system store: for a relay behind a private CA.</summary>
    public string? CaFile { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
