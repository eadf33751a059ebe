using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Mail;

/// <summary>Writes each message as an RFC 822 text file under &lt;data-dir&gt;/outbox/ and logs where.
/// The offline fallback: with no mail provider, nothing is dropped and an operator can read the links.</summary>
public sealed class OutboxMailSender(string outboxDirectory, TimeProvider time, ILogger<OutboxMailSender> logger) : IMailSender
{
    // Orders messages written within the same clock tick, so file-name order is send order.
    private static long _sequence;

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        Directory.CreateDirectory(outboxDirectory);
        var now = time.GetUtcNow();
        var sequence = Interlocked.Increment(ref _sequence);
        var fileName = $"{now:yyyyMMdd'T'HHmmss'Z'}-{sequence:D8}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(outboxDirectory, fileName);
        var text = new StringBuilder()
            .Append("Date: ").AppendLine(now.ToString("r", CultureInfo.InvariantCulture))
            .Append("To: ").AppendLine(mail.To)
            .Append("Subject: ").AppendLine(mail.Subject)
            .AppendLine("Content-Type: text/plain; charset=utf-8")
            .AppendLine()
            .AppendLine(mail.TextBody)
            .ToString();
        // Write then rename, so a reader polling the outbox never sees half a message.
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, text, ct);
        File.Move(temporary, path);
        logger.LogInformation("Mail to {To} written to outbox {Path} (no SMTP configured or SMTP failed)", mail.To, path);
    }
}
