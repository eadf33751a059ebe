using Clawverse.Surfaces.Tests.Support;
using Clawverse.Testing;

namespace Clawverse.Surfaces.Tests.ClawVatar;

/// <summary>The server with Twilio's Messages API pointed at a local stub and a cron secret set.</summary>
public class ClawVatarFactory : ClawverseFactory
{
    public const string CronSecret = "tests-cron-secret";

    public const string BlockedWord = "forbiddenword";

    private readonly string _words = Path.Combine(Path.GetTempPath(), $"clawverse-words-{Guid.NewGuid():N}.txt");

    public ClawVatarFactory() => File.WriteAllText(_words, $"{BlockedWord}\n");

    public SmsStubServer Sms { get; } = SmsStubServer.StartAsync().GetAwaiter().GetResult();

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(MoreSettings)
    {
        ["sms-url"] = Sms.Url,
        ["sms-account-sid"] = Sms.AccountSid,
        ["sms-auth-token"] = Sms.AuthToken,
        ["sms-from"] = "+15550000000",
        ["cron-secret"] = CronSecret,
        ["moderation-words"] = _words,
    };

    protected virtual IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>();

    protected override async ValueTask DisposeExtrasAsync()
    {
        await Sms.DisposeAsync();
        File.Delete(_words);
    }
}

/// <summary>Unverified avatars live ten minutes here (CLAWVERSE_CLAWVATAR_UNVERIFIED_TTL), so expiry is testable.</summary>
public sealed class ShortLivedAvatarsFactory : ClawVatarFactory
{
    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["clawvatar-unverified-ttl"] = "00:10:00",
    };
}
