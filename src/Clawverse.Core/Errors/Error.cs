namespace Clawverse.Core.Errors;

/// <summary>An expected failure: a stable machine code, a message safe to show anyone, the HTTP status
/// it maps to, and an optional hint on how to fix the request. Never carries exception text.</summary>
public sealed record Error(string Code, string Message, int Status, string? Hint = null)
{
    /// <summary>Extra fields a dialect may put in its error body (ClawNet's 429 names the action, limit and
    /// window); each dialect's envelope decides whether to show them.</summary>
    public IReadOnlyDictionary<string, object>? Details { get; init; }

    public static Error Validation(string message, string? hint = null) => new(ErrorCodes.ValidationError, message, 400, hint);

    public static Error NotFound(string what) => new(ErrorCodes.NotFound, $"{what} not found.", 404);

    public static Error Forbidden(string message) => new(ErrorCodes.Forbidden, message, 403);

    public static Error Conflict(string code, string message, string? hint = null) => new(code, message, 409, hint);

    /// <summary>The first of several checks that failed, or null when all passed (fields checked in order).</summary>
    public static Error? First(params Error?[] errors) => errors.FirstOrDefault(error => error is not null);
}
