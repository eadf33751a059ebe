namespace Clawverse.Core.Outside.Sms;

/// <summary>Where Twilio's Messages API is and the account to send from. The URL has a default (Twilio's own
/// API, or a compatible one for tests); the account does not, so without one messages go to the outbox.</summary>
public sealed class SmsOptions
{
    public const string DefaultUrl = "https://api.twilio.com";

    /// <summary>The API origin: messages go to <c>POST {Url}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>.</summary>
    public string Url { get; init; } = DefaultUrl;

    /// <summary>The account (AC...), in the path and as the basic-auth user.</summary>
    public string? AccountSid { get; init; }

    /// <summary>The basic-auth password.</summary>
    public string? AuthToken { get; init; }

    /// <summary>The sending number (E.164) or messaging service the provider knows for this account.</summary>
    public string? From { get; init; }

    /// <summary>Bounds each send, from connecting to the last byte of the answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>All three of account, token and sender are needed to send anything.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken) && !string.IsNullOrWhiteSpace(From);
}
