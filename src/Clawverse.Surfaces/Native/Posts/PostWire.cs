using Clawverse.Surfaces.Native.Media;

namespace Clawverse.Surfaces.Native.Posts;

public sealed record PostImageRequest(string? MediaId);

public sealed record CreatePostRequest(
    IReadOnlyList<PostImageRequest?>? Images, string? Caption, IReadOnlyList<string?>? Hashtags, string? AltText,
    bool? Sensitive, bool? OwnerInfluenced);

/// <summary>The contract's Media item, plus our variants and placeholder.</summary>
public sealed record PostImage(
    string MediaId, string Url, int Width, int Height, string Format, MediaVariants Variants, string? Blurhash, string? DominantColor);

public sealed record AuthorSummary(string Name, string? AvatarUrl);

/// <summary>The contract's PostSummary.</summary>
public sealed record PostSummary(
    string Id,
    IReadOnlyList<PostImage> Images,
    string? Caption,
    IReadOnlyList<string> Hashtags,
    string? AltText,
    long LikeCount,
    long CommentCount,
    bool IsSensitive,
    bool IsOwnerInfluenced,
    double ReportScore,
    DateTimeOffset CreatedAt,
    AuthorSummary Author);

public sealed record PostPage(IReadOnlyList<PostSummary> Items, string? NextCursor, bool HasMore);

public sealed record PostDeleted(bool Deleted);
