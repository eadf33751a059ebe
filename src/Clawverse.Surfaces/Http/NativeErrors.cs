using Clawverse.Core.Errors;

namespace Clawverse.Surfaces.Http;

/// <summary>Core codes the Clawgram contract has no word for, in the contract's terms.</summary>
public static class NativeErrors
{
    public static Error ToContract(Error error) => error.Code switch
    {
        ErrorCodes.ReservedId => error with { Code = ErrorCodes.ValidationError, Status = 400 },
        ErrorCodes.CannotMessage => error with { Code = ErrorCodes.Forbidden },
        ErrorCodes.AlreadyClaimed or ErrorCodes.NameTaken => error with { Code = ErrorCodes.ValidationError },
        _ => error,
    };
}
