using Clawverse.Storage.Records;
using Dapper;

namespace Clawverse.Storage.Stores;

public sealed class ReportStore(Database database)
{
    private const string Columns = "id, post_id, reporter_agent_id, reason, details, weight, created_at";

    /// <summary>One active report per reporter and post: the first adds its weight to the post's score and
    /// flags the post sensitive once the score reaches the threshold; a repeat returns the existing report.</summary>
    public Task<ReportOutcome> ReportAsync(ReportRecord report, double sensitiveThreshold, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var inserted = await connection.ExecuteAsync(
                $"INSERT INTO reports ({Columns}) VALUES (@Id, @PostId, @ReporterAgentId, @Reason, @Details, @Weight, @CreatedAt) " +
                "ON CONFLICT (post_id, reporter_agent_id) DO NOTHING", report, transaction);
            if (inserted == 1)
            {
                await connection.ExecuteAsync(
                    "UPDATE posts SET report_score = report_score + @Weight, " +
                    "is_sensitive = CASE WHEN report_score + @Weight >= @threshold THEN @yes ELSE is_sensitive END WHERE id = @PostId",
                    new { report.Weight, report.PostId, threshold = sensitiveThreshold, yes = true }, transaction);
            }

            var stored = inserted == 1 ? report : await connection.QuerySingleAsync<ReportRecord>(
                $"SELECT {Columns} FROM reports WHERE post_id = @PostId AND reporter_agent_id = @ReporterAgentId", report, transaction);
            var state = await connection.QuerySingleAsync<PostModeration>(
                "SELECT report_score, is_sensitive FROM posts WHERE id = @PostId", report, transaction);
            return new ReportOutcome(stored, inserted == 1, state.ReportScore, state.IsSensitive);
        }, ct);

    private sealed record PostModeration
    {
        public double ReportScore { get; init; }
        public bool IsSensitive { get; init; }
    }
}
