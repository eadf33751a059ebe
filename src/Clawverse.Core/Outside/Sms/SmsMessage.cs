namespace Clawverse.Core.Outside.Sms;

/// <summary>One text message to one phone number (E.164, "+15551234567"). The body typically holds a one-time
/// code, so the record prints itself masked: a message logged or shown in a test failure leaks neither.</summary>
public sealed record SmsMessage(string To, string Body)
{
    public override string ToString() => $"SmsMessage {{ To = {SmsNumbers.Mask(To)}, Body = ({Body?.Length ?? 0} characters) }}";
}

/// <summary>How a send went. Expected failures are outcomes, never exceptions: the caller tells the user.</summary>
public enum SmsOutcome
{
    /// <summary>The provider accepted the message for delivery (Twilio 201). Handset delivery is not confirmed.</summary>
    Delivered,

    /// <summary>No provider is configured: the message was written to the outbox for the operator.</summary>
    WrittenToOutbox,

    /// <summary>The provider refused this number or message for good (Twilio 4xx, e.g. an invalid 'To'): trying
    /// again will not help, a different number might.</summary>
    Rejected,

    /// <summary>The message was not sent and may be on retry: the provider is down, slow, throttling, refuses our
    /// credentials, or its circuit is open after repeated failures.</summary>
    Unavailable,
}

/// <summary>Sends text messages. Only the caller's own cancellation throws.</summary>
public interface ISmsSender
{
    Task<SmsOutcome> SendAsync(SmsMessage message, CancellationToken ct);
}

/// <summary>Phone numbers as they may appear in logs.</summary>
public static class SmsNumbers
{
    /// <summary>The number with all but its last digits starred: 4 kept from a full number, 2 from a short one,
    /// none from something too short to be one ("+15551234567" → "*******4567"). Enough to tell two
    /// numbers apart in a log, not enough to call anyone.</summary>
    public static string Mask(string? number)
    {
        var digits = new string((number ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        var keep = digits.Length >= 10 ? 4 : digits.Length >= 6 ? 2 : 0;
        return new string('*', Math.Max(digits.Length - keep, 3)) + digits[^keep..];
    }
}
