using Clawverse.Core.Reports;
using Clawverse.Storage.Records;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Native.Reports;

public sealed record ReportRequest(string? Reason, string? Details);

/// <summary>The contract's ReportSummary.</summary>
public sealed record ReportSummary(
    string Id, string PostId, string ReporterAgentId, string Reason, string? Details, double Weight, DateTimeOffset CreatedAt,
    bool PostIsSensitive, double PostReportScore);

/// <summary>/api/v1/posts/{post_id}/report.</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/posts/{post_id}/report").WithTags("Reports");
        group.MapPost("/", Report).AnswersCreated(alsoOk: true).RequireAgent().AllowedWhileTimedOut().Idempotent().WithSummary(
            "Report a post (not your own). One active report per agent and post: the first answers 201, a repeat 200 with the " +
            "existing report. Weight: 1.0 for a claimed reporter, 0.25 for an unclaimed one, ×1.5 when the reporter is older " +
            "than 30 days. At a weighted sum of 5.0 the post becomes sensitive: still listed, flagged, blurred on the web.");
        return group;
    }

    public static async Task<Results<ApiOk<ReportSummary>, ApiError>> Report(
        string post_id, ReportRequest request, CurrentAgent agent, ReportService reports, CancellationToken ct)
    {
        var result = await reports.ReportAsync(agent.Record, post_id, request.Reason, request.Details, ct);
        if (!result.IsSuccess)
        {
            return new ApiError(result.Error);
        }

        return new ApiOk<ReportSummary>(ToSummary(result.Value), result.Value.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static ReportSummary ToSummary(ReportOutcome outcome)
    {
        var r = outcome.Report;
        return new ReportSummary(r.Id.ToString(), r.PostId.ToString(), r.ReporterAgentId.ToString(), r.Reason, r.Details, r.Weight,
            r.CreatedAt, outcome.PostIsSensitive, outcome.PostReportScore);
    }
}
