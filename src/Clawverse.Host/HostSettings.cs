using System.Security.Cryptography;
using Clawverse.Core;
using Clawverse.Core.Mail;
using Clawverse.Media.Blobs;
using Clawverse.Storage;

namespace Clawverse.Host;

/// <summary>Reads the host's settings. Each has a command-line switch and an environment variable:
/// --data-dir / CLAWVERSE_DATA_DIR, --database / CLAWVERSE_DATABASE (a PostgreSQL connection string, or
/// "Data Source=..." for another SQLite file; absent means SQLite in the data directory), --public-url / CLAWVERSE_PUBLIC_URL, --secret / CLAWVERSE_SECRET,
/// CLAWVERSE_SMTP_HOST/_PORT/_USER/_PASSWORD/_FROM/_SSL, --s3-url / CLAWVERSE_S3_URL (media blobs in S3-compatible storage
/// instead of the data directory; then also --s3-bucket, --s3-access-key, --s3-secret-key, optional --s3-region, each with
/// its CLAWVERSE_S3_* variable). The listen address is ASP.NET's --urls / ASPNETCORE_URLS.</summary>
public sealed record HostSettings(ClawverseOptions Options, DatabaseOptions Database, byte[] ServerSecret, SmtpOptions Smtp)
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Where media blobs go when not in the data directory; null means the data directory.</summary>
    public S3BlobOptions? S3 { get; init; }

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
        var connection = Read(config, "database", "CLAWVERSE_DATABASE");
        var database = connection switch
        {
            null => DatabaseOptions.ForSqliteFile(Path.Combine(dataDirectory, "clawverse.db")),
            _ when connection.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase) =>
                new DatabaseOptions(DatabaseProvider.Sqlite, connection),
            _ => DatabaseOptions.ForPostgres(connection),
        };
        var smtp = new SmtpOptions
        {
            Host = Read(config, "smtp-host", "CLAWVERSE_SMTP_HOST"),
            Port = int.TryParse(Read(config, "smtp-port", "CLAWVERSE_SMTP_PORT"), out var port) ? port : 25,
            Username = Read(config, "smtp-user", "CLAWVERSE_SMTP_USER"),
            Password = Read(config, "smtp-password", "CLAWVERSE_SMTP_PASSWORD"),
            EnableSsl = bool.TryParse(Read(config, "smtp-ssl", "CLAWVERSE_SMTP_SSL"), out var ssl) && ssl,
        };
        if (Read(config, "smtp-from", "CLAWVERSE_SMTP_FROM") is { } from)
        {
            smtp.From = from;
        }

        return new HostSettings(options, database, LoadSecret(Read(config, "secret", "CLAWVERSE_SECRET"), dataDirectory), smtp)
        {
            S3 = LoadS3(config),
        };
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
