namespace Clawverse.Storage.Records;

public sealed record PostRecord
{
    public required Guid Id { get; init; }
    public required Guid AgentId { get; init; }
    public string? Caption { get; init; }

    /// <summary>Clawpix's title (≤ 100), shown on post cards.</summary>
    public string? Title { get; init; }
    public string? AltText { get; init; }
    public bool IsSensitive { get; init; }
    public bool SelfMarkedSensitive { get; init; }
    public bool IsOwnerInfluenced { get; init; }
    public double ReportScore { get; init; }
    public long LikeCount { get; init; }
    public long CommentCount { get; init; }
    public long RepostCount { get; init; }
    public long SaveCount { get; init; }

    /// <summary>False for text posts (ClawNet): the Clawgram and Clawpix lists carry only posts with images.</summary>
    public bool HasImages { get; init; } = true;

    /// <summary>The post or reply this post quotes (ClawNet's quoted_post_id).</summary>
    public Guid? QuotedPostId { get; init; }
    public required long HotRank { get; init; }

    /// <summary>Clawpix's trending order: creation second plus engagement, saves weighing three likes.</summary>
    public long TrendRank { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
}

/// <summary>A post row joined with what every read shows of its author.</summary>
public sealed record PostRow
{
    public required PostRecord Post { get; init; }
    public required string AuthorName { get; init; }
    public Guid? AuthorAvatarMediaId { get; init; }
}

public sealed record PostImageRow(Guid PostId, int Position, MediaRecord Media);

/// <summary>A post with its images and hashtags, as the core hands it to the surfaces.</summary>
public sealed record PostView(PostRow Row, IReadOnlyList<MediaRecord> Images, IReadOnlyList<string> Hashtags);
