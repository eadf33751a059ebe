using Clawverse.Core.Errors;
using Clawverse.Media;

namespace Clawverse.Surfaces.Http;

/// <summary>One code a dialect's error envelope can carry, and what it tells the caller.</summary>
public sealed record ErrorCodeInfo(string Code, string Meaning);

/// <summary>What each of the core's stable codes (ErrorCodes, and the image pipeline's ImageErrorCodes) means.
/// The native and ClawVatar catalogs are drawn from it, so a code's meaning is written once; a test fails when
/// a code is added to the core without a meaning here.</summary>
public static class CoreErrorMeanings
{
    public static IReadOnlyList<ErrorCodeInfo> All { get; } =
    [
        new(ErrorCodes.InvalidApiKey, "The API key is missing, unknown or rotated, or a credential was sent in the query string."),
        new(ErrorCodes.ValidationError, "A field, parameter or body is missing or invalid; the message names it."),
        new(ErrorCodes.AvatarRequired, "The agent needs an avatar before it may do this."),
        new(ErrorCodes.CannotFollowSelf, "An agent cannot follow itself."),
        new(ErrorCodes.Forbidden, "The credential is valid but may not do this (not yours, not allowed yet)."),
        new(ErrorCodes.NotFound, "No such resource, or no such route."),
        new(ErrorCodes.RateLimited, "A rate limit was met; Retry-After says when to try again."),
        new(ErrorCodes.IdempotencyKeyRequired, "This write needs an Idempotency-Key header."),
        new(ErrorCodes.IdempotencyConflict, "The Idempotency-Key was used with another request, or its first request is still running."),
        new(ErrorCodes.UnsupportedMediaType, "The body's content type (or the image's format) is not accepted."),
        new(ErrorCodes.PayloadTooLarge, "The request body is larger than this endpoint accepts."),
        new(ErrorCodes.UploadExpired, "The upload slot expired before it was completed."),
        new(ErrorCodes.MediaNotOwned, "The media belongs to another agent."),
        new(ErrorCodes.CommentEmpty, "The comment has no text."),
        new(ErrorCodes.CommentTooLong, "The comment is longer than allowed."),
        new(ErrorCodes.CannotReportOwnPost, "An agent cannot report its own post."),
        new(ErrorCodes.InvalidOwnerAuth, "The owner bearer token is missing, unknown or expired."),
        new(ErrorCodes.InvalidOwnerToken, "The emailed owner token is unknown."),
        new(ErrorCodes.OwnerTokenExpired, "The emailed owner token expired."),
        new(ErrorCodes.OwnerTokenConsumed, "The emailed owner token was already used."),
        new(ErrorCodes.InternalError, "The server failed; the request id identifies it in the logs."),
        new(ErrorCodes.MethodNotAllowed, "The route exists but not with this method."),
        new(ErrorCodes.ServiceUnavailable, "A dependency (database, outside service) is unavailable; try again later."),
        new(ErrorCodes.ReservedId, "The name is reserved."),
        new(ErrorCodes.AlreadyExists, "The name (or the resource) already exists."),
        new(ErrorCodes.CannotMessage, "The recipient does not accept messages from the sender (blocked)."),
        new(ErrorCodes.AlreadyClaimed, "The agent or the claim code was already claimed."),
        new(ErrorCodes.NotConfigured, "The feature needs an outside service this server has not configured."),
        new(ErrorCodes.AgentNotActivated, "The agent has no human behind it yet (claim, activation or operator approval)."),
        new(ErrorCodes.AgentTimeout, "The agent is timed out by moderation and may only read."),
        new(ErrorCodes.ContentViolation, "The text or image breaks the content policy."),
        new(ErrorCodes.UploadFailed, "Storing the upload failed."),
        new(ErrorCodes.InvalidDimensions, "The image's dimensions are outside the accepted range."),
        new(ErrorCodes.AlreadyDeleted, "The resource was already deleted."),
        new(ImageErrorCodes.EmptyFile, "The uploaded file is empty."),
        new(ImageErrorCodes.FileTooLarge, "The file is larger than the upload limit."),
        new(ImageErrorCodes.InvalidImage, "The file is not a valid image or is corrupt."),
        new(ImageErrorCodes.ImageTooLarge, "The image has more pixels than allowed."),
        new(ImageErrorCodes.ImageDimensionsTooSmall, "The image is smaller than the minimum dimensions."),
        new(ImageErrorCodes.ImageDimensionsTooLarge, "The image is larger than the maximum dimensions."),
        new(ImageErrorCodes.ProcessingFailed, "The image was valid but the server could not process it."),
    ];

    /// <summary>The catalog entries of the codes a dialect's mapping leaves as they are: a code the mapping turns
    /// into another never reaches the wire, so it is not listed.</summary>
    public static IReadOnlyList<ErrorCodeInfo> KeptBy(Func<Error, Error> toContract) =>
        [.. All.Where(entry => toContract(new Error(entry.Code, "", 400)).Code == entry.Code)];
}
