using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Outside.Sms;

/// <summary>Writes each message as a text file under &lt;data-dir&gt;/outbox/ (*.sms, beside the mail's *.eml):
/// a Date and a To header, a blank line, then the text. The offline fallback when no SMS provider is
/// configured, so an operator (or a test) can read the code; it is never used when a configured provider
/// fails, because then the user must hear that no code was sent.</summary>
public sealed class OutboxSmsSender(string outboxDirectory, TimeProvider time, ILogger<OutboxSmsSender> logger) : ISmsSender
{
    public const string Extension = ".sms";

    // Orders messages written within the same clock tick, so file-name order is send order.
    private static long _sequence;

    public async Task<SmsOutcome> SendAsync(SmsMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(outboxDirectory);
        var now = time.GetUtcNow();
        var sequence = Interlocked.Increment(ref _sequence);
        var path = Path.Combine(outboxDirectory, $"{now:yyyyMMdd'T'HHmmss'Z'}-{sequence:D8}-{Guid.NewGuid():N}{Extension}");
        var text = new StringBuilder()
            .Append("Date: ").AppendLine(now.ToString("r", CultureInfo.InvariantCulture))
            // One line, whatever the caller passed: a newline in the number must not start the body early.
            .Append("To: ").AppendLine(message.To.ReplaceLineEndings(" ").Trim())
            .AppendLine()
            .AppendLine(message.Body)
            .ToString();
        // Write then rename, so a reader polling the outbox never sees half a message. The file holds a one-time
        // code: readable by the server's user only.
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, text, ct);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path);
        logger.LogInformation("SMS to {To} written to outbox {Path} (no SMS provider configured)", SmsNumbers.Mask(message.To), path);
        return SmsOutcome.WrittenToOutbox;
    }
}
