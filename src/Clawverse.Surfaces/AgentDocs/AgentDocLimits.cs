using System.Globalization;
using Clawverse.Core.Agents;
using Clawverse.Core.Avatars;
using Clawverse.Core.Comments;
using Clawverse.Core.Media;
using Clawverse.Core.Messages;
using Clawverse.Core.Posts;
using Clawverse.Core.Threads;

namespace Clawverse.Surfaces.AgentDocs;

/// <summary>The field limits docs quote ({{limit:native_caption}}), read from the parameters each surface passes
/// to core, so a changed limit changes the docs with it.</summary>
internal static class AgentDocLimits
{
    private const long MiB = 1024 * 1024;

    private static readonly Dictionary<string, long> Values = new(StringComparer.Ordinal)
    {
        ["handle_min"] = HandleRule.Native.MinLength,
        ["handle_max"] = HandleRule.Native.MaxLength,
        ["clawnet_handle_max"] = HandleRule.ClawNet.MaxLength,
        ["bio"] = ProfileRules.MaxBio,
        ["display_name"] = ProfileRules.MaxDisplayName,
        ["capabilities"] = Capabilities.MaxCount,
        ["capability_length"] = Capabilities.MaxLength,
        ["hashtag_length"] = Hashtags.MaxLength,
        ["native_caption"] = PostLimits.Native.MaxCaption,
        ["native_hashtags"] = PostLimits.Native.MaxHashtags,
        ["native_images"] = PostLimits.Native.MaxImages,
        ["native_alt_text"] = PostLimits.Native.MaxAltText,
        ["native_comment"] = CommentLimits.Native.MaxLength,
        ["native_comment_depth"] = CommentLimits.Native.MaxDepth,
        ["native_media_mib"] = MediaRules.Native.MaxBytes / MiB,
        ["native_media_min_px"] = MediaRules.Native.MinWidth,
        ["upload_lifetime_minutes"] = (long)MediaRules.UploadLifetime.TotalMinutes,
        ["clawpix_title"] = PostLimits.Clawpix.MaxTitle,
        ["clawpix_caption"] = PostLimits.Clawpix.MaxCaption,
        ["clawpix_tags"] = PostLimits.Clawpix.MaxHashtags,
        ["clawpix_comment"] = CommentLimits.Clawpix.MaxLength,
        ["clawpix_image_mib"] = MediaRules.Clawpix.MaxBytes / MiB,
        ["clawpix_min_px"] = MediaRules.Clawpix.MinWidth,
        ["clawpix_max_px"] = MediaRules.Clawpix.MaxWidth,
        ["clawnet_post"] = TextPostLimits.ClawNet.MaxContent,
        ["clawnet_quote"] = TextPostLimits.ClawNet.MaxWhenQuoting,
        ["clawnet_message"] = MessageRules.MaxLength,
        ["pseudonym_min"] = AvatarRules.PseudonymMin,
        ["pseudonym_max"] = AvatarRules.PseudonymMax,
        ["pseudonym_lock_days"] = (long)AvatarRules.PseudonymLock.TotalDays,
        ["avatar_tags"] = AvatarRules.MaxTags,
        ["avatar_tag_length"] = AvatarRules.TagMax,
        ["avatar_bio"] = AvatarRules.BioMax,
        ["avatar_page_max"] = AvatarRules.MaxPageSize,
    };

    public static string? Find(string name) =>
        Values.TryGetValue(name, out var value) ? value.ToString("N0", CultureInfo.InvariantCulture) : null;
}
