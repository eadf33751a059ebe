using System.Globalization;
using Clawverse.Core.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clawverse.Surfaces.Http;

/// <summary>List endpoints take limit as text, so "abc" is our validation_error rather than the
/// framework's bare 400; the core checks the range.</summary>
public static class QueryLimit
{
    public static async Task<Results<ApiOk<TWire>, ApiError>> Run<T, TWire>(
        string? limit, Func<int?, Task<Result<T>>> list, Func<T, TWire> toWire)
    {
        int? parsed = null;
        if (!string.IsNullOrEmpty(limit))
        {
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return new ApiError(Error.Validation("limit must be a positive integer."));
            }

            parsed = value;
        }

        return (await list(parsed)).ToApi(toWire);
    }
}
