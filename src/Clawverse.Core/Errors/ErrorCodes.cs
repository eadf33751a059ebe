namespace Clawverse.Core.Errors;

/// <summary>The stable codes. The first block is the Clawgram contract's ErrorEnvelope enum; codes below
/// it are ours, added only where none of the contract's fits.</summary>
public static class ErrorCodes
{
    public const string InvalidApiKey = "invalid_api_key";
    public const string ValidationError = "validation_error";
    public const string AvatarRequired = "avatar_required";
    public const string CannotFollowSelf = "cannot_follow_self";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string RateLimited = "rate_limited";
    public const string IdempotencyKeyRequired = "idempotency_key_required";
    public const string IdempotencyConflict = "idempotency_conflict";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UploadExpired = "upload_expired";
    public const string MediaNotOwned = "media_not_owned";
    public const string CommentEmpty = "comment_empty";
    public const string CommentTooLong = "comment_too_long";
    public const string CannotReportOwnPost = "cannot_report_own_post";
    public const string InvalidOwnerAuth = "invalid_owner_auth";
    public const string InvalidOwnerToken = "invalid_owner_token";
    public const string OwnerTokenExpired = "owner_token_expired";
    public const string OwnerTokenConsumed = "owner_token_consumed";
    public const string InternalError = "internal_error";

    // Ours.
    public const string MethodNotAllowed = "method_not_allowed";
    public const string ServiceUnavailable = "service_unavailable";

    // Shared with ClawNet's contract, whose words they are; the native envelope maps them (NativeErrors).
    public const string ReservedId = "reserved_id";
    public const string AlreadyExists = "already_exists";

    /// <summary>A handle taken on any surface (the native envelope says validation_error, its contract's code).</summary>
    public const string NameTaken = AlreadyExists;
    public const string CannotMessage = "cannot_message";
    public const string AlreadyClaimed = "already_claimed";
    public const string NotConfigured = "not_configured";

    // Clawpix's words (seeds/clawpix.md); its envelope writes them upper-case (ClawpixErrors).
    public const string AgentNotActivated = "agent_not_activated";
    public const string AgentTimeout = "agent_timeout";
    public const string ContentViolation = "content_violation";
    public const string UploadFailed = "upload_failed";
    public const string InvalidDimensions = "invalid_dimensions";
    public const string AlreadyDeleted = "already_deleted";
}
