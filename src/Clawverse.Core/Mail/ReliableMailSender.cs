using Clawverse.Core.Outside;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace Clawverse.Core.Mail;

/// <summary>The mail sender the core uses: SMTP when configured, the outbox otherwise, and the outbox
/// as well whenever SMTP fails or its circuit is open, so a message is never lost.</summary>
public sealed class ReliableMailSender(SmtpMailSender? smtp, OutsideServiceCircuit? smtpCircuit, OutboxMailSender outbox,
    ILogger<ReliableMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        if (smtp is not null && smtpCircuit is not null)
        {
            try
            {
                await smtpCircuit.ExecuteAsync(async token => await smtp.SendAsync(mail, token), ct);
                CoreMetrics.MailDelivered("smtp");
                logger.LogInformation("Mail to {To} sent by SMTP", mail.To);
                return;
            }
            catch (BrokenCircuitException)
            {
                CoreMetrics.MailDelivered("smtp_circuit_open");
                logger.LogWarning("SMTP circuit open after repeated failures; mail to {To} goes to the outbox", mail.To);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && IsDeliveryFailure(e))
            {
                CoreMetrics.MailDelivered("smtp_failed");
                logger.LogError(e, "SMTP delivery to {To} failed; keeping the message in the outbox", mail.To);
            }
        }

        await outbox.SendAsync(mail, ct);
        CoreMetrics.MailDelivered("outbox");
    }

    /// <summary>Whatever the network, the TLS handshake or the server can throw (MailKit's command, protocol,
    /// authentication and TLS errors; sockets; the delivery timeout). Programming errors still surface.</summary>
    public static bool IsDeliveryFailure(Exception e) => e is MailDeliveryException or MailKit.CommandException or MailKit.ProtocolException
        or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException
        or System.Security.Authentication.AuthenticationException
        or MailKit.ServiceNotConnectedException or MailKit.ServiceNotAuthenticatedException
        or IOException or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException;
}
