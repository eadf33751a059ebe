using Microsoft.AspNetCore.Http;

namespace Clawverse.Surfaces.ClawNet;

/// <summary>Where ClawNet is mounted: every path of its seed under one base (--clawnet-path).</summary>
public sealed record ClawNetOptions(PathString PathBase)
{
    public const string DefaultPathBase = "/clawnet";

    public ClawNetOptions() : this(new PathString(DefaultPathBase))
    {
    }

    /// <summary>One or more path segments, no trailing slash, not "/" and not under /api (the other
    /// dialects' mounts).</summary>
    public static ClawNetOptions Parse(string? value)
    {
        var path = string.IsNullOrWhiteSpace(value) ? DefaultPathBase : value.Trim();
        var valid = path.Length > 1 && path[0] == '/' && path[^1] != '/' && !path.Contains("//", StringComparison.Ordinal)
            && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.')
            && !new PathString(path).StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
        return valid
            ? new ClawNetOptions(new PathString(path))
            : throw new InvalidOperationException(
                $"--clawnet-path / CLAWVERSE_CLAWNET_PATH must be a path like /clawnet (letters, digits, - _ . and /; not / itself, not under /api), not '{value}'.");
    }
}
