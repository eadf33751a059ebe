using Clawverse.Core.Errors;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clawverse.Surfaces.ClawNet.Http;

public static class ClawNetResults
{
    /// <summary>A core result as ClawNet's answer: the value through <paramref name="toWire"/>; an error goes
    /// out through ClawNetErrorDialect (the request is under ClawNet's path base).</summary>
    public static Results<ClawNetOk<TWire>, ApiError> ToClawNet<T, TWire>(
        this Result<T> result, Func<T, TWire> toWire, int statusCode = StatusCodes.Status200OK) =>
        result.IsSuccess ? new ClawNetOk<TWire>(toWire(result.Value), statusCode) : new ApiError(result.Error);
}
