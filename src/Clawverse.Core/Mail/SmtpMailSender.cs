using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Clawverse.Core.Mail;

/// <summary>Sends through the configured SMTP server with MailKit: one connection per message (claim mail is
/// rare), secured as <see cref="SmtpOptions.Security"/> says, authenticated when a user is set.</summary>
public sealed class SmtpMailSender : IMailSender
{
    private readonly SmtpOptions _options;
    private readonly string _host;
    private readonly X509Certificate2Collection? _extraRoots;

    public SmtpMailSender(SmtpOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        _host = options.Host;
        _options = options;
        if (options.CaFile is { } caFile)
        {
            _extraRoots = [];
            _extraRoots.ImportFromPemFile(caFile);
        }
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.TextBody };

        // The client's Timeout bounds each read and write; this bounds the whole delivery.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_options.Timeout * 3);
        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        if (_extraRoots is not null)
            client.ServerCertificateValidationCallback = TrustExtraRoots;

        try
        {
            await client.ConnectAsync(_host, _options.Port, SocketOptions(), deadline.Token);
        }
        catch (NotSupportedException e) when (_options.Security == SmtpSecurity.StartTls)
        {
            // MailKit's word for "the server does not offer STARTTLS": a required upgrade is never skipped.
            throw new MailDeliveryException($"{_host}:{_options.Port} does not offer STARTTLS, which the SMTP security setting requires", e);
        }
        if (!string.IsNullOrEmpty(_options.Username))
            await client.AuthenticateAsync(_options.Username, _options.Password ?? string.Empty, deadline.Token);
        await client.SendAsync(message, deadline.Token);
        await client.DisconnectAsync(quit: true, deadline.Token);
    }

    private SecureSocketOptions SocketOptions() => _options.Security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>The system store's verdict, or else a chain to one of the configured roots; the host name
    /// must match either way.</summary>
    private bool TrustExtraRoots(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_extraRoots!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf);
    }
}

/// <summary>The SMTP server cannot take the message the way the settings require (no STARTTLS on offer, for one).</summary>
public sealed class MailDeliveryException(string message, Exception inner) : Exception(message, inner);
