using System.Net;
using System.Net.Mail;

namespace Clawverse.Core.Mail;

/// <summary>Sends through the configured SMTP server with System.Net.Mail.</summary>
public sealed class SmtpMailSender(SmtpOptions options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        using var client = new SmtpClient(options.Host, options.Port)
        {
            EnableSsl = options.EnableSsl,
            Timeout = options.TimeoutMilliseconds,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrEmpty(options.Username))
        {
            client.Credentials = new NetworkCredential(options.Username, options.Password);
        }

        // SMTP lines end in CRLF; bare LFs would travel as =0A escapes.
        using var message = new MailMessage(new MailAddress(options.From).Address, mail.To, mail.Subject, mail.TextBody.ReplaceLineEndings("\r\n"));
        message.From = new MailAddress(options.From);
        await client.SendMailAsync(message, ct);
    }
}
