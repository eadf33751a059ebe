namespace Clawverse.Core;

/// <summary>Settings the core needs from the host.</summary>
public sealed class ClawverseOptions
{
    /// <summary>Where SQLite, media files, the outbox and the server secret live.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Absolute base URL used in links we hand out (claim links, media URLs, OG tags).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Images decoded at once; further uploads wait for a slot (they never fail for it). Each one
    /// in flight holds a decoded copy and its encoders, so this bounds the pipeline's memory.</summary>
    public int ImageConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>Whether uploaded bytes wait for their complete in the blob store instead of this node's data directory:
    /// on with object storage, so a PUT and its complete may reach different nodes.</summary>
    public bool StageUploadsInBlobStore { get; set; }

    public TimeSpan OwnerEmailTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan OwnerSessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long an unverified ClawVatar avatar lives (the seed's 30 days); CLAWVERSE_CLAWVATAR_UNVERIFIED_TTL.</summary>
    public TimeSpan AvatarUnverifiedLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The bearer secret POST /api/cron/expire-avatars needs; without one only loopback callers may run it.</summary>
    public string? CronSecret { get; set; }

    /// <summary>Where mail goes when there is no SMTP server or it fails: one .eml file a message.</summary>
    public string OutboxDirectory => Path.Combine(DataDirectory, "outbox");

    public string PublicUrl(string path) => PublicBaseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}
