using System.Globalization;
using System.Security.Cryptography;
using Clawverse.Core;
using Clawverse.Core.Mail;
using Clawverse.Core.Outside;
using Clawverse.Core.Outside.Moderation;
using Clawverse.Core.Outside.Moltbook;
using Clawverse.Core.Outside.Sms;
using Clawverse.Core.Outside.Tweets;
using Clawverse.Media.Blobs;
using Clawverse.Storage;
using Clawverse.Surfaces.ClawNet;

namespace Clawverse.Host;

/// <summary>Reads the host's settings. Each has a command-line switch and an environment variable:
/// --data-dir / CLAWVERSE_DATA_DIR, --database / CLAWVERSE_DATABASE (a PostgreSQL connection string, or
/// "Data Source=..." for another SQLite file; absent means SQLite in the data directory), --public-url / CLAWVERSE_PUBLIC_URL, --secret / CLAWVERSE_SECRET,
/// --image-concurrency / CLAWVERSE_IMAGE_CONCURRENCY,
/// CLAWVERSE_SMTP_HOST/_PORT/_USER/_PASSWORD/_FROM/_SECURITY/_TIMEOUT/_CA_FILE (and the older _SSL), --metrics-urls /
/// CLAWVERSE_METRICS_URLS (a separate listener for Prometheus), --s3-url / CLAWVERSE_S3_URL (media blobs in S3-compatible storage
/// instead of the data directory; then also --s3-bucket, --s3-access-key, --s3-secret-key, optional --s3-region, each with
/// its CLAWVERSE_S3_* variable), --redis / CLAWVERSE_REDIS (state shared by several nodes), --trusted-proxies /
/// CLAWVERSE_TRUSTED_PROXIES (load balancers whose X-Forwarded-* headers count), --moltbook-url / CLAWVERSE_MOLTBOOK_URL and --moltbook-api-key / CLAWVERSE_MOLTBOOK_API_KEY
/// (the Moltbook API; without a key the Moltbook features answer that they are not configured),
/// --tweet-oembed-url / CLAWVERSE_TWEET_OEMBED_URL, --sms-url, --sms-account-sid, --sms-auth-token and --sms-from, each with
/// its CLAWVERSE_SMS_* variable (Twilio's Messages API; without an account the codes go to the outbox),
/// and the content policy's --moderation-url, --moderation-api-key,
/// --moderation-model, --moderation-unavailable (refuse|accept) and --moderation-words (a word-list file), each with its CLAWVERSE_MODERATION_* variable. The listen address is ASP.NET's --urls / ASPNETCORE_URLS.</summary>
public sealed record HostSettings(ClawverseOptions Options, DatabaseOptions Database, byte[] ServerSecret, SmtpOptions Smtp)
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Extra listeners that serve /metrics (and only they do); none means no metrics endpoint.</summary>
    public IReadOnlyList<Uri> MetricsUrls { get; init; } = [];

    /// <summary>Where media blobs go when not in the data directory; null means the data directory.</summary>
    public S3BlobOptions? S3 { get; init; }

    /// <summary>The Redis that nodes share rate-limit windows and cache generations through (--redis / CLAWVERSE_REDIS,
    /// a StackExchange.Redis configuration string such as "10.0.0.5:6379,password=..."); null means in process memory.</summary>
    public string? Redis { get; init; }

    /// <summary>Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (--trusted-proxies /
    /// CLAWVERSE_TRUSTED_PROXIES: addresses or CIDR ranges, comma-separated). Behind a load balancer every request
    /// comes from it, so without this the per-IP limits would count all clients as one.</summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>ClawNet's path base (--clawnet-path / CLAWVERSE_CLAWNET_PATH, default /clawnet).</summary>
    public ClawNetOptions ClawNet { get; init; } = new();

    /// <summary>The Moltbook API; not configured (no key) unless the operator sets one.</summary>
    public MoltbookOptions Moltbook { get; init; } = new();

    /// <summary>The oEmbed endpoint Clawpix activation reads a tweet through (--tweet-oembed-url / CLAWVERSE_TWEET_OEMBED_URL).</summary>
    public TweetCheckOptions TweetCheck { get; init; } = new();

    /// <summary>Twilio's Messages API for ClawVatar's phone codes (--sms-* / CLAWVERSE_SMS_*); not configured
    /// (codes written to the outbox) unless the operator sets an account.</summary>
    public SmsOptions Sms { get; init; } = new();

    /// <summary>The content policy's word list and moderation API (--moderation-* / CLAWVERSE_MODERATION_*).</summary>
    public ModerationOptions Moderation { get; init; } = new();

    public static HostSettings Load(IConfiguration config)
    {
        var dataDirectory = Path.GetFullPath(Read(config, "data-dir", "CLAWVERSE_DATA_DIR") ?? "./data");
        Directory.CreateDirectory(dataDirectory);
        var urls = config["urls"] ?? config["ASPNETCORE_URLS"] ?? DefaultUrl;
        var options = new ClawverseOptions
        {
            DataDirectory = dataDirectory,
            PublicBaseUrl = Read(config, "public-url", "CLAWVERSE_PUBLIC_URL") ?? urls.Split(';')[0].Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal),
        };
        if (Read(config, "image-concurrency", "CLAWVERSE_IMAGE_CONCURRENCY") is { } imageConcurrency)
        {
            options.ImageConcurrency = int.TryParse(imageConcurrency, NumberStyles.None, CultureInfo.InvariantCulture, out var slots) && slots is > 0 and <= 256
                ? slots
                : throw new InvalidOperationException($"--image-concurrency / CLAWVERSE_IMAGE_CONCURRENCY must be a whole number from 1 to 256, not '{imageConcurrency}'.");
        }

        if (Read(config, "clawvatar-unverified-ttl", "CLAWVERSE_CLAWVATAR_UNVERIFIED_TTL") is { } ttl)
        {
            options.AvatarUnverifiedLifetime = TimeSpan.TryParse(ttl, CultureInfo.InvariantCulture, out var lifetime) && lifetime >= TimeSpan.FromSeconds(1)
                ? lifetime
                : throw new InvalidOperationException(
                    $"--clawvatar-unverified-ttl / CLAWVERSE_CLAWVATAR_UNVERIFIED_TTL is a TimeSpan of at least one second (\"30.00:00:00\" is 30 days), not '{ttl}'.");
        }

        options.CronSecret = Read(config, "cron-secret", "CLAWVERSE_CRON_SECRET");

        var connection = Read(config, "database", "CLAWVERSE_DATABASE");
        var database = connection switch
        {
            null => DatabaseOptions.ForSqliteFile(Path.Combine(dataDirectory, "clawverse.db")),
            _ when connection.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase) =>
                new DatabaseOptions(DatabaseProvider.Sqlite, connection),
            _ => DatabaseOptions.ForPostgres(connection),
        };
        var smtp = LoadSmtp(config);
        var s3 = LoadS3(config);
        // Behind a load balancer an upload's PUT and its complete can reach different nodes: with object storage the
        // bytes wait there.
        options.StageUploadsInBlobStore = s3 is not null;
        return new HostSettings(options, database, LoadSecret(Read(config, "secret", "CLAWVERSE_SECRET"), dataDirectory), smtp)
        {
            S3 = s3,
            Redis = LoadRedis(Read(config, "redis", "CLAWVERSE_REDIS")),
            TrustedProxies = LoadTrustedProxies(Read(config, "trusted-proxies", "CLAWVERSE_TRUSTED_PROXIES")),
            Moltbook = LoadMoltbook(config),
            TweetCheck = new TweetCheckOptions { Url = ReadHttpUrl(config, "tweet-oembed-url", "CLAWVERSE_TWEET_OEMBED_URL") ?? TweetCheckOptions.DefaultUrl },
            Moderation = LoadModeration(config),
            Sms = LoadSms(config),
            ClawNet = ClawNetOptions.Parse(Read(config, "clawnet-path", "CLAWVERSE_CLAWNET_PATH")),
            MetricsUrls = LoadMetricsUrls(Read(config, "metrics-urls", "CLAWVERSE_METRICS_URLS")),
        };
    }

    private static string? LoadRedis(string? configuration)
    {
        if (configuration is null)
        {
            return null;
        }

        try
        {
            Clawverse.Storage.Shared.RedisConnection.Validate(configuration);
            return configuration;
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"--redis / CLAWVERSE_REDIS is a StackExchange.Redis configuration string (\"host:6379,password=...\"): {e.Message}");
        }
    }

    private static IReadOnlyList<System.Net.IPNetwork> LoadTrustedProxies(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => System.Net.IPNetwork.TryParse(entry.Contains('/') ? entry : entry + (entry.Contains(':') ? "/128" : "/32"), out var network)
                ? network
                : throw new InvalidOperationException(
                    $"--trusted-proxies / CLAWVERSE_TRUSTED_PROXIES lists addresses or CIDR ranges (\"10.0.0.0/8,127.0.0.1\"), not '{entry}'."))
            .ToList();

    private static SmtpOptions LoadSmtp(IConfiguration config)
    {
        var smtp = new SmtpOptions
        {
            Host = Read(config, "smtp-host", "CLAWVERSE_SMTP_HOST"),
            Username = Read(config, "smtp-user", "CLAWVERSE_SMTP_USER"),
            Password = Read(config, "smtp-password", "CLAWVERSE_SMTP_PASSWORD"),
            CaFile = Read(config, "smtp-ca-file", "CLAWVERSE_SMTP_CA_FILE"),
        };
        if (Read(config, "smtp-port", "CLAWVERSE_SMTP_PORT") is { } port)
        {
            smtp.Port = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
                ? number
                : throw new InvalidOperationException($"--smtp-port / CLAWVERSE_SMTP_PORT must be a port number, not '{port}'.");
        }

        // --smtp-ssl true is the older spelling: System.Net.Mail's EnableSsl meant STARTTLS.
        var security = Read(config, "smtp-security", "CLAWVERSE_SMTP_SECURITY")
            ?? (bool.TryParse(Read(config, "smtp-ssl", "CLAWVERSE_SMTP_SSL"), out var ssl) && ssl ? "starttls" : "auto");
        smtp.Security = security.ToLowerInvariant() switch
        {
            "auto" => SmtpSecurity.Auto,
            "starttls" => SmtpSecurity.StartTls,
            "tls" => SmtpSecurity.Tls,
            "none" => SmtpSecurity.None,
            _ => throw new InvalidOperationException($"--smtp-security / CLAWVERSE_SMTP_SECURITY is auto, starttls, tls or none, not '{security}'."),
        };
        if (Read(config, "smtp-timeout", "CLAWVERSE_SMTP_TIMEOUT") is { } timeout)
        {
            smtp.Timeout = ParseDuration(timeout, "--smtp-timeout / CLAWVERSE_SMTP_TIMEOUT");
        }

        if (Read(config, "smtp-from", "CLAWVERSE_SMTP_FROM") is { } from)
        {
            smtp.From = from;
        }

        return smtp;
    }

    /// <summary>Whole seconds ("10") or a TimeSpan ("00:00:10"); zero and negative durations are refused.</summary>
    internal static TimeSpan ParseDuration(string value, string setting)
    {
        var duration = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : TimeSpan.Zero;
        return duration > TimeSpan.Zero
            ? duration
            : throw new InvalidOperationException($"{setting} must be a positive number of seconds or a TimeSpan (00:00:10), not '{value}'.");
    }

    /// <summary>Absolute http URLs with an explicit port: the metrics listener must be somewhere an operator
    /// knows, and /metrics is answered only on connections to these ports.</summary>
    private static IReadOnlyList<Uri> LoadMetricsUrls(string? value)
    {
        if (value is null)
        {
            return [];
        }

        var urls = new List<Uri>();
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp || url.IsDefaultPort
                || url.AbsolutePath != "/")
            {
                throw new InvalidOperationException(
                    $"--metrics-urls / CLAWVERSE_METRICS_URLS takes http URLs with an explicit port and no path (http://127.0.0.1:9464), not '{part}'.");
            }

            urls.Add(url);
        }

        return urls;
    }

    private static S3BlobOptions? LoadS3(IConfiguration config)
    {
        if (Read(config, "s3-url", "CLAWVERSE_S3_URL") is not { } url)
        {
            return null;
        }

        string Required(string switchName, string environmentName) => Read(config, switchName, environmentName)
            ?? throw new InvalidOperationException($"--s3-url is set, so --{switchName} / {environmentName} is required too.");
        return new S3BlobOptions(
            url,
            Required("s3-bucket", "CLAWVERSE_S3_BUCKET"),
            Required("s3-access-key", "CLAWVERSE_S3_ACCESS_KEY"),
            Required("s3-secret-key", "CLAWVERSE_S3_SECRET_KEY"),
            Read(config, "s3-region", "CLAWVERSE_S3_REGION") ?? "us-east-1");
    }

    private static MoltbookOptions LoadMoltbook(IConfiguration config)
    {
        var url = ReadHttpUrl(config, "moltbook-url", "CLAWVERSE_MOLTBOOK_URL", MoltbookOptions.DefaultUrl) ?? MoltbookOptions.DefaultUrl;

        return new MoltbookOptions
        {
            Url = url.TrimEnd('/'),
            ApiKey = Read(config, "moltbook-api-key", "CLAWVERSE_MOLTBOOK_API_KEY"),
            PollInterval = ReadPollInterval(Read(config, "moltbook-poll-interval", "CLAWVERSE_MOLTBOOK_POLL_INTERVAL")),
        };
    }

    private static SmsOptions LoadSms(IConfiguration config)
    {
        var url = ReadHttpUrl(config, "sms-url", "CLAWVERSE_SMS_URL", SmsOptions.DefaultUrl) ?? SmsOptions.DefaultUrl;
        var options = new SmsOptions
        {
            Url = url.TrimEnd('/'),
            AccountSid = Read(config, "sms-account-sid", "CLAWVERSE_SMS_ACCOUNT_SID"),
            AuthToken = Read(config, "sms-auth-token", "CLAWVERSE_SMS_AUTH_TOKEN"),
            From = Read(config, "sms-from", "CLAWVERSE_SMS_FROM"),
        };
        // Part of an account is a mistake to hear about at start: silently writing codes to the outbox instead
        // would look like a provider that never delivers.
        if (!options.IsConfigured && (options.AccountSid ?? options.AuthToken ?? options.From) is not null)
        {
            throw new InvalidOperationException(
                "SMS needs all of --sms-account-sid / CLAWVERSE_SMS_ACCOUNT_SID, --sms-auth-token / CLAWVERSE_SMS_AUTH_TOKEN "
                + "and --sms-from / CLAWVERSE_SMS_FROM, or none of them (codes then go to the outbox).");
        }

        return options;
    }

    private static ModerationOptions LoadModeration(IConfiguration config)
    {
        var fallback = Read(config, "moderation-unavailable", "CLAWVERSE_MODERATION_UNAVAILABLE")?.ToLowerInvariant() switch
        {
            null or "refuse" => ModerationFallback.Refuse,
            "accept" => ModerationFallback.AcceptForReview,
            var other => throw new InvalidOperationException(
                $"--moderation-unavailable / CLAWVERSE_MODERATION_UNAVAILABLE is 'refuse' or 'accept', not '{other}'."),
        };
        var wordsFile = Read(config, "moderation-words", "CLAWVERSE_MODERATION_WORDS");
        IReadOnlyList<string> words = [];
        if (wordsFile is not null)
        {
            // A missing list is a configuration mistake the operator should hear about at start, not a silent empty policy.
            words = File.Exists(wordsFile)
                ? [.. WordList.ReadEntries(File.ReadLines(wordsFile))]
                : throw new InvalidOperationException($"--moderation-words / CLAWVERSE_MODERATION_WORDS names '{wordsFile}', which does not exist.");
        }

        return new ModerationOptions
        {
            Url = ReadHttpUrl(config, "moderation-url", "CLAWVERSE_MODERATION_URL")?.TrimEnd('/'),
            ApiKey = Read(config, "moderation-api-key", "CLAWVERSE_MODERATION_API_KEY"),
            Model = Read(config, "moderation-model", "CLAWVERSE_MODERATION_MODEL"),
            WhenUnavailable = fallback,
            BlockedWords = words,
        };
    }

    /// <summary>An optional http or https URL setting; <paramref name="example"/> is named in the refusal.</summary>
    private static string? ReadHttpUrl(IConfiguration config, string switchName, string environmentName, string? example = null)
    {
        var url = Read(config, switchName, environmentName);
        if (url is not null && OutsideHttp.HttpUrl(url) is null)
        {
            throw new InvalidOperationException(
                $"--{switchName} / {environmentName} must be an absolute http or https URL{(example is null ? "" : $" ({example})")}, not '{url}'.");
        }

        return url;
    }

    /// <summary>Seconds ("300") or a TimeSpan ("00:05:00"), from 10 seconds to a day.</summary>
    private static TimeSpan ReadPollInterval(string? value)
    {
        if (value is null)
        {
            return new MoltbookOptions().PollInterval;
        }

        var interval = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : TimeSpan.Zero;
        return interval >= TimeSpan.FromSeconds(10) && interval <= TimeSpan.FromDays(1)
            ? interval
            : throw new InvalidOperationException(
                $"--moltbook-poll-interval / CLAWVERSE_MOLTBOOK_POLL_INTERVAL takes seconds or a TimeSpan from 10 s to 1 day, not '{value}'.");
    }

    private static string? Read(IConfiguration config, string switchName, string environmentName)
    {
        var value = config[switchName] ?? config[environmentName] ?? Environment.GetEnvironmentVariable(environmentName);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The HMAC key for stored secrets: configured, or generated once into the data directory
    /// (readable by the owner only) so keys keep working across restarts.</summary>
    private static byte[] LoadSecret(string? configured, string dataDirectory)
    {
        if (configured is not null)
        {
            return System.Text.Encoding.UTF8.GetBytes(configured.PadRight(32, '#'));
        }

        var path = Path.Combine(dataDirectory, "secret.key");
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(secret));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path);
        return secret;
    }
}
