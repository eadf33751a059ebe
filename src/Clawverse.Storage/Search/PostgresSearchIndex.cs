using System.Data.Common;
using Dapper;

namespace Clawverse.Storage.Search;

/// <summary>tsvector + GIN. The query text reaches to_tsquery('simple', …) as a parameter; its words are
/// quoted, so it is only lexemes. A tier first walks the newest <see cref="Window"/> docs below the cursor
/// in doc order: bounded work, and enough for any word common enough to fill a page there. If that falls
/// short, how often the tier's field matched in the window decides how to read older docs: rarely — through
/// the field's GIN index (the bitmap holds few matches), otherwise — walking on in doc order until the page
/// is full (matches are dense enough). The planner cannot choose this itself: its estimates do not tell a
/// rare word from an absent one, so it would walk the whole table for either, or bitmap-scan every match
/// of a common word before sorting them.</summary>
public sealed class PostgresSearchIndex(Database database) : SearchIndexBase(database)
{
    private const int Window = 1000;

    /// <summary>At most this many matches of the tier's field in the window: rare, read the rest via GIN.</summary>
    private const int RareMatches = 1;
    private const string Query = "to_tsquery('simple', @query)";

    public override async Task<IReadOnlyList<SearchHit>> PostsAsync(
        SearchTerms terms, PostMatch tier, long? beforeDoc, int limit, CancellationToken ct)
    {
        var words = Words(terms);
        if (words.Count == 0 || (tier == PostMatch.Mixed && words.Count < 2))
        {
            return [];
        }

        string[] fields = ["s.hashtags", "s.caption", "s.other", "(s.hashtags || s.caption || s.other)"];
        var positive = $"{fields[(int)tier - 1]} @@ {Query}";
        var notBetter = string.Concat(fields[..((int)tier - 1)].Select(f => $" AND NOT {f} @@ {Query}"));
        return await TierAsync("s.doc, s.post_id AS id", "post_search s", positive, notBetter,
            new { query = TsQuery(words, terms.LastIsPrefix), beforeDoc, limit }, beforeDoc, limit, ct);
    }

    protected override async Task<IReadOnlyList<SearchHit>> MatchAgentsAsync(
        DbConnection connection, SearchTerms terms, AgentMatch tier, long? beforeDoc, int limit, CancellationToken ct)
    {
        var positive = tier == AgentMatch.Name ? $"s.name @@ {Query}" : $"(s.name || s.about) @@ {Query}";
        var rest = (tier == AgentMatch.Name ? "" : $" AND NOT s.name @@ {Query}") +
            " AND s.agent_id IS DISTINCT FROM (SELECT id FROM agents WHERE name_normalized = @exact)";
        return await TierAsync("s.doc, s.agent_id AS id", "agent_search s", positive, rest,
            new { query = TsQuery(terms.Words, terms.LastIsPrefix), exact = terms.ExactName, beforeDoc, limit }, beforeDoc, limit, ct);
    }

    private Task<IReadOnlyList<SearchHit>> TierAsync(
        string columns, string from, string positive, string rest, object parameters, long? beforeDoc, int limit, CancellationToken ct) =>
        Database.InTransactionAsync<IReadOnlyList<SearchHit>>(async (connection, transaction) =>
        {
            var table = from.Split(' ')[0];
            var recent = $"(SELECT * FROM {table} {Before("doc", beforeDoc).Replace("AND", "WHERE", StringComparison.Ordinal)}" +
                $"ORDER BY doc DESC LIMIT {Window}) s";
            var found = (await connection.QueryAsync<SearchHit>(
                $"SELECT {columns} FROM {recent} WHERE {positive}{rest} ORDER BY s.doc DESC LIMIT @limit", parameters, transaction)).AsList();
            if (found.Count == limit)
            {
                return found;
            }

            var window = await connection.QuerySingleAsync<WindowRow>(
                $"SELECT count(*) AS size, min(s.doc) AS oldest, count(*) FILTER (WHERE {positive}) AS matches FROM {recent}",
                parameters, transaction);
            if (window.Size < Window || window.Oldest is not { } oldest)
            {
                return found;
            }

            // The two reads below have the same text: a prepared statement's generic plan would keep whichever scan the
            // first one got, so each is planned anew under its settings.
            await connection.ExecuteAsync(window.Matches <= RareMatches
                ? "SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off"
                : "SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off",
                transaction: transaction);
            var older = new DynamicParameters(parameters);
            older.Add("oldest", oldest);
            older.Add("wanted", limit - found.Count);
            found.AddRange(await connection.QueryAsync<SearchHit>(
                $"SELECT {columns} FROM {from} WHERE {positive}{rest} AND s.doc < @oldest ORDER BY s.doc DESC LIMIT @wanted",
                older, transaction));
            return found;
        }, ct);

    public override Task<IReadOnlyList<Guid>> RecentPostsAsync(SearchTerms terms, Guid? beforeId, int limit, CancellationToken ct) =>
        RecentIdsAsync(terms, words => (
            $"SELECT s.post_id FROM post_search s JOIN posts p ON p.id = s.post_id WHERE (s.hashtags || s.caption || s.other) @@ {Query} " +
            "AND p.deleted_at IS NULL " + BeforeId("p.id", beforeId) + "ORDER BY s.doc DESC LIMIT @limit",
            new { query = TsQuery(words, terms.LastIsPrefix), beforeId, limit }), ct);

    public override Task<IReadOnlyList<Guid>> RecentRepliesAsync(SearchTerms terms, Guid? beforeId, int limit, CancellationToken ct) =>
        RecentIdsAsync(terms, words => (
            $"SELECT c.id FROM comments c JOIN posts p ON p.id = c.post_id WHERE clawverse_search_vector(c.content) @@ {Query} " +
            "AND c.deleted_at IS NULL AND p.deleted_at IS NULL " + BeforeId("c.id", beforeId) + "ORDER BY c.id DESC LIMIT @limit",
            new { query = TsQuery(words, terms.LastIsPrefix), beforeId, limit }), ct);

    private sealed record WindowRow
    {
        public long Size { get; init; }
        public long? Oldest { get; init; }
        public long Matches { get; init; }
    }

    /// <summary>'w1' &amp; 'w2' &amp; 'w3':* — quoted words (no quote or backslash can occur in them), ANDed.</summary>
    private static string TsQuery(IReadOnlyList<string> words, bool lastIsPrefix) =>
        string.Join(" & ", words.Select((w, i) => $"'{w}'" + (lastIsPrefix && i == words.Count - 1 ? ":*" : "")));
}
