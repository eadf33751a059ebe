using Clawverse.Core.Errors;
using Clawverse.Surfaces.Http;

namespace Clawverse.Surfaces.ClawNet.Http;

/// <summary>ClawNet's paged queries: ?limit and a time cursor read together.</summary>
public static class ClawNetQuery
{
    /// <summary>A page's ?limit and its time cursor (?before, ?since, ?before_ts) together: the first bad one's error.</summary>
    public static Result<(int? Limit, DateTimeOffset? Time)> Page(string? limit, string? time, string timeName)
    {
        var size = QueryValues.Limit(limit);
        var cursor = QueryValues.Time(time, timeName);
        return size.IsSuccess && cursor.IsSuccess ? (size.Value, cursor.Value) : (size.Error ?? cursor.Error!);
    }
}
