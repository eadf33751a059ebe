using Clawverse.Core.Mail;
using Clawverse.Host;
using Microsoft.Extensions.Configuration;

namespace Clawverse.Surfaces.Tests.Operations;

/// <summary>The operator's settings: good values land where they belong, and a bad one stops the server at
/// start with a message naming the setting, instead of being ignored.</summary>
public sealed class HostSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("clawverse-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Image_concurrency_defaults_to_the_cores_and_takes_a_positive_count()
    {
        Load().Options.ImageConcurrency.ShouldBe(Environment.ProcessorCount);
        Load(("image-concurrency", "3")).Options.ImageConcurrency.ShouldBe(3);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("1000")]
    public void A_bad_image_concurrency_is_refused(string value) =>
        Should.Throw<InvalidOperationException>(() => Load(("image-concurrency", value))).Message.ShouldContain("--image-concurrency");

    [Fact]
    public void The_unverified_avatar_lifetime_is_30_days_unless_set_and_the_cron_secret_is_optional()
    {
        var defaults = Load().Options;
        defaults.AvatarUnverifiedLifetime.ShouldBe(TimeSpan.FromDays(30));
        defaults.CronSecret.ShouldBeNull();
        var set = Load(("clawvatar-unverified-ttl", "02:30:00"), ("cron-secret", "s3cret")).Options;
        set.AvatarUnverifiedLifetime.ShouldBe(TimeSpan.FromMinutes(150));
        set.CronSecret.ShouldBe("s3cret");
        foreach (var bad in new[] { "0", "00:00:00", "-1.00:00:00", "a month" })
        {
            Should.Throw<InvalidOperationException>(() => Load(("clawvatar-unverified-ttl", bad))).Message.ShouldContain("--clawvatar-unverified-ttl");
        }
    }

    [Theory]
    [InlineData("2026-12-04T05:59:59Z", "2026-12-04T06:00:00Z")]
    [InlineData("2026-12-04T06:00:00Z", "2026-12-05T06:00:00Z")]
    [InlineData("2026-12-31T23:00:00Z", "2027-01-01T06:00:00Z")]
    public void The_avatar_expiry_runs_daily_at_six_utc(string now, string next) =>
        AvatarExpiryService.NextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Trusted_proxies_take_addresses_and_ranges_and_refuse_anything_else()
    {
        Load().TrustedProxies.ShouldBeEmpty();
        Load(("trusted-proxies", "10.0.0.0/8, 127.0.0.1,::1")).TrustedProxies.Select(network => network.ToString())
            .ShouldBe(["10.0.0.0/8", "127.0.0.1/32", "::1/128"]);
        Should.Throw<InvalidOperationException>(() => Load(("trusted-proxies", "10.0.0.0/8,nginx"))).Message.ShouldContain("'nginx'");
    }

    [Fact]
    public void Redis_is_optional_and_object_storage_stages_the_uploads()
    {
        Load().Redis.ShouldBeNull();
        Load(("redis", "10.0.0.5:6379,password=x")).Redis.ShouldBe("10.0.0.5:6379,password=x");
        Should.Throw<InvalidOperationException>(() => Load(("redis", "10.0.0.5:6379,nosuchoption=1"))).Message.ShouldContain("--redis");
        Load().Options.StageUploadsInBlobStore.ShouldBeFalse();
        Load(("s3-url", "http://127.0.0.1:9000"), ("s3-bucket", "b"), ("s3-access-key", "k"), ("s3-secret-key", "s"))
            .Options.StageUploadsInBlobStore.ShouldBeTrue();
    }

    [Fact]
    public void Metrics_urls_take_explicit_http_ports()
    {
        Load().MetricsUrls.ShouldBeEmpty();
        Load(("metrics-urls", "http://127.0.0.1:9464; http://[::1]:9465")).MetricsUrls.Select(url => url.Port).ShouldBe([9464, 9465]);
    }

    [Theory]
    [InlineData("http://127.0.0.1")]
    [InlineData("https://127.0.0.1:9464")]
    [InlineData("http://127.0.0.1:9464/metrics")]
    [InlineData("127.0.0.1:9464")]
    public void A_metrics_url_without_a_port_or_with_a_path_is_refused(string value) =>
        Should.Throw<InvalidOperationException>(() => Load(("metrics-urls", value))).Message.ShouldContain("--metrics-urls");

    [Theory]
    [InlineData(null, null, SmtpSecurity.Auto)]
    [InlineData("STARTTLS", null, SmtpSecurity.StartTls)]
    [InlineData("tls", null, SmtpSecurity.Tls)]
    [InlineData("none", "true", SmtpSecurity.None)]
    [InlineData(null, "true", SmtpSecurity.StartTls)]
    public void Smtp_security_reads_the_setting_and_the_older_ssl_switch(string? security, string? ssl, SmtpSecurity expected)
    {
        var settings = new List<(string, string)>();
        if (security is not null) settings.Add(("smtp-security", security));
        if (ssl is not null) settings.Add(("smtp-ssl", ssl));

        Load([.. settings]).Smtp.Security.ShouldBe(expected);
    }

    [Fact]
    public void Smtp_settings_refuse_what_they_cannot_mean()
    {
        Should.Throw<InvalidOperationException>(() => Load(("smtp-security", "ssl3"))).Message.ShouldContain("--smtp-security");
        Should.Throw<InvalidOperationException>(() => Load(("smtp-port", "70000"))).Message.ShouldContain("--smtp-port");
        Should.Throw<InvalidOperationException>(() => Load(("smtp-timeout", "0"))).Message.ShouldContain("--smtp-timeout");
    }

    [Fact]
    public void Smtp_timeout_takes_seconds_or_a_timespan()
    {
        Load().Smtp.Timeout.ShouldBe(TimeSpan.FromSeconds(10));
        Load(("smtp-timeout", "3")).Smtp.Timeout.ShouldBe(TimeSpan.FromSeconds(3));
        Load(("smtp-timeout", "00:00:01.5")).Smtp.Timeout.ShouldBe(TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public void Moltbook_defaults_to_its_api_and_is_configured_only_with_a_key()
    {
        var unset = Load().Moltbook;
        unset.Url.ShouldBe("https://www.moltbook.com/api/v1");
        unset.IsConfigured.ShouldBeFalse();

        var set = Load(("moltbook-url", "http://127.0.0.1:9000/api/v1/"), ("moltbook-api-key", "moltbook_sk_x")).Moltbook;
        set.Url.ShouldBe("http://127.0.0.1:9000/api/v1");
        set.ApiKey.ShouldBe("moltbook_sk_x");
        set.IsConfigured.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, 300)]
    [InlineData("60", 60)]
    [InlineData("00:02:00", 120)]
    public void The_moltbook_poll_interval_is_seconds_or_a_timespan(string? value, int seconds) =>
        (value is null ? Load() : Load(("moltbook-poll-interval", value))).Moltbook.PollInterval.ShouldBe(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData("5")]
    [InlineData("2.00:00:00")]
    [InlineData("often")]
    public void An_unusable_poll_interval_is_refused(string value) =>
        Should.Throw<InvalidOperationException>(() => Load(("moltbook-poll-interval", value))).Message.ShouldContain("--moltbook-poll-interval");

    [Theory]
    [InlineData("www.moltbook.com/api/v1")]
    [InlineData("ftp://www.moltbook.com/api/v1")]
    [InlineData("/api/v1")]
    public void A_moltbook_url_that_is_not_absolute_http_is_refused(string value) =>
        Should.Throw<InvalidOperationException>(() => Load(("moltbook-url", value))).Message.ShouldContain("--moltbook-url");

    [Fact]
    public void Sms_defaults_to_twilio_and_is_configured_only_with_sid_token_and_sender()
    {
        var unset = Load().Sms;
        unset.Url.ShouldBe("https://api.twilio.com");
        unset.IsConfigured.ShouldBeFalse();

        var set = Load(("sms-url", "http://127.0.0.1:9001/"), ("sms-account-sid", "AC123"), ("sms-auth-token", "token"), ("sms-from", "+15550001111")).Sms;
        (set.Url, set.AccountSid, set.AuthToken, set.From).ShouldBe(("http://127.0.0.1:9001", "AC123", "token", "+15550001111"));
        set.IsConfigured.ShouldBeTrue();
    }

    [Theory]
    [InlineData("sms-account-sid")]
    [InlineData("sms-auth-token")]
    [InlineData("sms-from")]
    public void Part_of_an_sms_account_is_refused(string only) =>
        Should.Throw<InvalidOperationException>(() => Load((only, "x"))).Message.ShouldContain("--sms-auth-token");

    [Theory]
    [InlineData("api.twilio.com")]
    [InlineData("ftp://api.twilio.com")]
    public void An_sms_url_that_is_not_absolute_http_is_refused(string value) =>
        Should.Throw<InvalidOperationException>(() => Load(("sms-url", value))).Message.ShouldContain("--sms-url");

    private HostSettings Load(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["data-dir"] = _directory,
            ["secret"] = "tests-only-server-secret-0123456789abcdef",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return HostSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }
}
