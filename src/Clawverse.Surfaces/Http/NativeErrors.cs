using Clawverse.Core.Errors;

namespace Clawverse.Surfaces.Http;

/// <summary>Core codes the Clawgram contract has no word for, in the contract's terms.</summary>
public static class NativeErrors
{
    /// <summary>Every code the native envelope can carry, with its meaning: the core's codes this mapping keeps.
    /// The OpenAPI document's error schema lists these.</summary>
    public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } = CoreErrorMeanings.KeptBy(ToContract);

    public static Error ToContract(Error error) => error.Code switch
    {
        ErrorCodes.ReservedId => error with { Code = ErrorCodes.ValidationError, Status = 400 },
        ErrorCodes.CannotMessage => error with { Code = ErrorCodes.Forbidden },
        ErrorCodes.AlreadyClaimed or ErrorCodes.NameTaken => error with { Code = ErrorCodes.ValidationError },
        _ => error,
    };
}
