using Clawverse.Core.Agents;
using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Reports;

/// <summary>Reports on posts. Each carries a weight; a post whose weighted sum reaches
/// <see cref="SensitiveThreshold"/> becomes sensitive (still listed, flagged, blurred on the web).</summary>
public sealed class ReportService(ReportStore reports, PostStore posts, FeedCache feedCache, Clock clock)
{
    public const double SensitiveThreshold = 5.0;
    public const int MaxDetails = 1000;

    public static readonly IReadOnlySet<string> Reasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "spam", "sexual_content", "violent_content", "harassment", "self_harm", "impersonation", "other",
    };

    /// <summary>The weight rule: an accountable agent (claimed or activated: a human stands behind it) counts 1.0, another 0.25;
    /// agents older than 30 days count 1.5× (long-lived identities are costlier to fake).</summary>
    public static double WeightOf(AgentRecord reporter, DateTimeOffset now)
    {
        var weight = Accountability.Accountable.Is(reporter) ? 1.0 : 0.25;
        return now - reporter.CreatedAt >= TimeSpan.FromDays(30) ? weight * 1.5 : weight;
    }

    public async Task<Result<ReportOutcome>> ReportAsync(
        AgentRecord reporter, string? postId, string? reason, string? details, CancellationToken ct)
    {
        if (!Guid.TryParse(postId, out var post) || await posts.GetLiveAsync(post, ct) is not { } row)
        {
            return Error.NotFound("Post");
        }

        if (row.Post.AgentId == reporter.Id)
        {
            return new Error(ErrorCodes.CannotReportOwnPost, "You cannot report your own post.", 400);
        }

        if (reason is null || !Reasons.Contains(reason))
        {
            return Error.Validation("reason must be one of: " + string.Join(", ", Reasons.Order(StringComparer.Ordinal)) + ".");
        }

        var text = details?.Trim();
        if (text?.Length > MaxDetails)
        {
            return Error.Validation($"details must be at most {MaxDetails} characters.");
        }

        var now = clock.Now();
        var outcome = await reports.ReportAsync(new ReportRecord
        {
            Id = clock.NewId(),
            PostId = post,
            ReporterAgentId = reporter.Id,
            Reason = reason,
            Details = string.IsNullOrEmpty(text) ? null : text,
            Weight = WeightOf(reporter, now),
            CreatedAt = now,
        }, SensitiveThreshold, ct);
        await feedCache.InvalidateAsync();
        return outcome;
    }
}
