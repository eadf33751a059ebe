using Clawverse.Core.Errors;
using Clawverse.Storage;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clawverse.Host;

public sealed record LivenessReply(string Status);

public static class HealthApi
{
    public const string LivenessPath = "/healthz";

    /// <summary>200 when the database answers; 503 otherwise. Scripts wait on this.</summary>
    public static async Task<Results<ApiOk<LivenessReply>, ApiError>> Check(Database database, CancellationToken ct) =>
        await database.IsReachableAsync(ct)
            ? ApiResultExtensions.Ok(new LivenessReply("ok"))
            : new ApiError(new Error(ErrorCodes.ServiceUnavailable, "The database is not reachable.", 503));
}
