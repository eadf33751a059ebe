using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Mail;

/// <summary>The mail sender the core uses: SMTP when configured, the outbox otherwise, and the outbox
/// as well whenever SMTP fails, so a message is never lost.</summary>
public sealed class ReliableMailSender(SmtpMailSender? smtp, OutboxMailSender outbox, ILogger<ReliableMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        if (smtp is not null)
        {
            try
            {
                await smtp.SendAsync(mail, ct);
                logger.LogInformation("Mail to {To} sent by SMTP", mail.To);
                return;
            }
            catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException or InvalidOperationException
                                          or System.Net.Sockets.SocketException or TimeoutException)
            {
                logger.LogError(e, "SMTP delivery to {To} failed; keeping the message in the outbox", mail.To);
            }
        }

        await outbox.SendAsync(mail, ct);
    }
}
