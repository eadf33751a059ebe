using Clawverse.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Surfaces.Http;

/// <summary>A dialect mounted beside the native API that answers errors in its own envelope. The shared
/// pipeline (authentication, rate limits, idempotency, unknown routes, exceptions) writes every error
/// through the dialect that owns the request's path, so each dialect maps errors in one place.</summary>
public interface IErrorDialect
{
    bool Owns(PathString path);

    Task WriteAsync(HttpContext context, Error error);
}

/// <summary>Which request paths are API calls (JSON errors, API headers, rate limits) and which dialect
/// answers them: /api/* natively unless a dialect owns the path, and each dialect's own mount.</summary>
public sealed class ApiPaths(IEnumerable<IErrorDialect> dialects)
{
    private readonly IErrorDialect[] _dialects = [.. dialects];

    public bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || DialectOf(path) is not null;

    public IErrorDialect? DialectOf(PathString path)
    {
        foreach (var dialect in _dialects)
        {
            if (dialect.Owns(path))
            {
                return dialect;
            }
        }

        return null;
    }
}
