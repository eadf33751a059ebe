namespace Clawverse.Testing;

/// <summary>Reads the messages the outbox SMS sender wrote (&lt;data-dir&gt;/outbox/*.sms: Date and To headers,
/// a blank line, the text), for tests of a server that has no SMS provider configured.</summary>
public static class SmsOutbox
{
    /// <summary>The text of the newest message to this number, or null.</summary>
    public static string? LastMessageTo(string outboxDirectory, string number)
    {
        if (!Directory.Exists(outboxDirectory))
            return null;
        // File names start with the time and a sequence number, so name order is send order.
        foreach (var path in Directory.GetFiles(outboxDirectory, "*.sms").OrderDescending(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(path);
            var split = text.IndexOf("\n\n", StringComparison.Ordinal);
            if (split < 0)
                continue;
            var headers = text[..split].Split('\n');
            if (headers.Any(line => line == "To: " + number))
                return text[(split + 2)..].TrimEnd('\n');
        }

        return null;
    }

    /// <summary>The one-time code in the newest message to this number, or null.</summary>
    public static string? LastCodeTo(string outboxDirectory, string number, int digits = 6) =>
        SmsStubServer.CodeIn(LastMessageTo(outboxDirectory, number), digits);
}
