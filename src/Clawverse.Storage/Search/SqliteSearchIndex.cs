using System.Data.Common;
using Dapper;

namespace Clawverse.Storage.Search;

/// <summary>FTS5. A post tier walks its own field's FTS table (the outer loop, in rowid = doc order, with
/// the LIMIT) and drops the posts a better tier holds, looked up in those tiers' tables for the doc range
/// of the batch just read. Batches grow fourfold up to <see cref="MaxBatch"/>, so a tier whose matches
/// mostly belong higher is still walked in few queries.</summary>
public sealed class SqliteSearchIndex(Database database) : SearchIndexBase(database)
{
    private const int MaxBatch = 4096;

    private static readonly string[] TierTables = ["post_tags_fts", "post_caption_fts", "post_other_fts", "post_all_fts"];

    public override async Task<IReadOnlyList<SearchHit>> PostsAsync(
        SearchTerms terms, PostMatch tier, long? beforeDoc, int limit, CancellationToken ct)
    {
        var words = Words(terms);
        if (words.Count == 0 || (tier == PostMatch.Mixed && words.Count < 2))
        {
            return [];
        }

        var match = Phrases(words, terms.LastIsPrefix);
        var table = TierTables[(int)tier - 1];
        var better = TierTables[..((int)tier - 1)];
        await using var connection = await Database.OpenAsync(ct);
        var found = new List<SearchHit>();
        var batch = limit;
        while (found.Count < limit)
        {
            var rows = (await connection.QueryAsync<SearchHit>(
                $"SELECT f.rowid AS doc, s.post_id AS id FROM {table} f JOIN post_search s ON s.doc = f.rowid " +
                $"JOIN posts p ON p.id = s.post_id WHERE {table} MATCH @match AND p.deleted_at IS NULL " +
                Before("f.rowid", beforeDoc) + "ORDER BY f.rowid DESC LIMIT @batch",
                new { match, beforeDoc, batch })).AsList();
            if (rows.Count == 0)
            {
                break;
            }

            var taken = new HashSet<long>();
            foreach (var higher in better)
            {
                taken.UnionWith(await connection.QueryAsync<long>(
                    $"SELECT rowid FROM {higher} WHERE {higher} MATCH @match AND rowid BETWEEN @low AND @high",
                    new { match, low = rows[^1].Doc, high = rows[0].Doc }));
            }

            found.AddRange(rows.Where(r => !taken.Contains(r.Doc)).Take(limit - found.Count));
            if (rows.Count < batch)
            {
                break;
            }

            beforeDoc = rows[^1].Doc;
            batch = Math.Min(batch * 4, MaxBatch);
        }

        return found;
    }

    public override Task<IReadOnlyList<Guid>> RecentPostsAsync(SearchTerms terms, Guid? beforeId, int limit, CancellationToken ct) =>
        RecentIdsAsync(terms, words => (
            "SELECT s.post_id FROM post_all_fts f JOIN post_search s ON s.doc = f.rowid JOIN posts p ON p.id = s.post_id " +
            "WHERE post_all_fts MATCH @match AND p.deleted_at IS NULL " + BeforeId("p.id", beforeId) + "ORDER BY f.rowid DESC LIMIT @limit",
            new { match = Phrases(words, terms.LastIsPrefix), beforeId, limit }), ct);

    public override Task<IReadOnlyList<Guid>> RecentRepliesAsync(SearchTerms terms, Guid? beforeId, int limit, CancellationToken ct) =>
        RecentIdsAsync(terms, words => (
            "SELECT c.id FROM comment_fts f JOIN comment_search s ON s.doc = f.rowid JOIN comments c ON c.id = s.comment_id " +
            "JOIN posts p ON p.id = c.post_id WHERE comment_fts MATCH @match AND p.deleted_at IS NULL " + BeforeId("c.id", beforeId) +
            "ORDER BY f.rowid DESC LIMIT @limit", new { match = Phrases(words, terms.LastIsPrefix), beforeId, limit }), ct);

    /// <summary>Agents are few: one FTS table, a column filter for the name tier, NOT for the rest.</summary>
    protected override async Task<IReadOnlyList<SearchHit>> MatchAgentsAsync(
        DbConnection connection, SearchTerms terms, AgentMatch tier, long? beforeDoc, int limit, CancellationToken ct)
    {
        var all = Phrases(terms.Words, terms.LastIsPrefix);
        var match = tier == AgentMatch.Name ? $"{{name}} : ({all})" : $"({all}) NOT ({{name}} : ({all}))";
        return (await connection.QueryAsync<SearchHit>(
            "SELECT f.rowid AS doc, s.agent_id AS id FROM agent_search_fts f JOIN agent_search s ON s.doc = f.rowid " +
            "WHERE agent_search_fts MATCH @match AND s.agent_id IS NOT (SELECT id FROM agents WHERE name_normalized = @exact) " +
            Before("f.rowid", beforeDoc) + "ORDER BY f.rowid DESC LIMIT @limit",
            new { match, exact = terms.ExactName, beforeDoc, limit })).AsList();
    }

    /// <summary>Each word as a quoted FTS5 string (never an operator, column name or syntax), implicitly ANDed;
    /// the last one as a prefix when asked.</summary>
    private static string Phrases(IReadOnlyList<string> words, bool lastIsPrefix) =>
        string.Join(" ", words.Select((w, i) => $"\"{w}\"" + (lastIsPrefix && i == words.Count - 1 ? "*" : "")));
}
