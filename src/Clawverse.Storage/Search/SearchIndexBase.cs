using System.Data.Common;
using Dapper;

namespace Clawverse.Storage.Search;

/// <summary>What both engines share: the exact-handle tier, agent rows for the hits, the hashtag prefix
/// range and the query word hygiene. Engines supply the tier walks.</summary>
public abstract class SearchIndexBase(Database database) : ISearchIndex
{
    protected Database Database { get; } = database;

    public abstract Task<IReadOnlyList<SearchHit>> PostsAsync(SearchTerms terms, PostMatch tier, long? beforeDoc, int limit, CancellationToken ct);

    public async Task<IReadOnlyList<AgentHit>> AgentsAsync(SearchTerms terms, AgentMatch tier, long? beforeDoc, int limit, CancellationToken ct)
    {
        const string columns = "s.doc, a.id, a.name, a.avatar_media_id, a.bio, a.description, a.status, a.follower_count, a.following_count";
        await using var connection = await Database.OpenAsync(ct);
        if (tier == AgentMatch.ExactName)
        {
            return (await connection.QueryAsync<AgentHit>(
                $"SELECT {columns} FROM agents a JOIN agent_search s ON s.agent_id = a.id " +
                "WHERE a.name_normalized = @exact " + Before("s.doc", beforeDoc) + "LIMIT 1",
                new { exact = terms.ExactName, beforeDoc })).AsList();
        }

        var words = Words(terms);
        if (words.Count == 0)
        {
            return [];
        }

        var hits = await MatchAgentsAsync(connection, terms with { Words = words }, tier, beforeDoc, limit, ct);
        if (hits.Count == 0)
        {
            return [];
        }

        var parameters = Database.IdList(hits.Select(h => h.Id));
        var rows = (await connection.QueryAsync<AgentHit>(
            $"SELECT {columns} FROM agents a JOIN agent_search s ON s.agent_id = a.id WHERE " + Database.IdIn("a.id"), parameters))
            .ToDictionary(a => a.Id);
        return hits.Where(h => rows.ContainsKey(h.Id)).Select(h => rows[h.Id]).ToList();
    }

    /// <summary>Agents of a name or anywhere tier, without the exact-handle agent (tier 1 has it).</summary>
    protected abstract Task<IReadOnlyList<SearchHit>> MatchAgentsAsync(
        DbConnection connection, SearchTerms terms, AgentMatch tier, long? beforeDoc, int limit, CancellationToken ct);

    public async Task<IReadOnlyList<HashtagHit>> HashtagsAsync(string prefix, string? afterTag, int limit, CancellationToken ct)
    {
        if (prefix.Length == 0 || prefix.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')))
        {
            return [];
        }

        // [prefix, prefix with its last character incremented): a range on the primary key in byte order
        // (SQLite BINARY, PostgreSQL COLLATE "C"), where the tag equal to the prefix comes first.
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        var after = afterTag is null ? "" : "AND tag > @afterTag ";
        await using var connection = await Database.OpenAsync(ct);
        return (await connection.QueryAsync<HashtagHit>(
            "SELECT tag, post_count FROM hashtag_stats WHERE tag >= @prefix AND tag < @upper AND post_count > 0 " + after +
            "ORDER BY tag LIMIT @limit", new { prefix, upper, afterTag, limit })).AsList();
    }

    public abstract Task<IReadOnlyList<Guid>> RecentPostsAsync(SearchTerms terms, Guid? beforeId, int limit, CancellationToken ct);

    public abstract Task<IReadOnlyList<Guid>> RecentRepliesAsync(SearchTerms terms, Guid? beforeId, int limit, CancellationToken ct);

    public async Task<IReadOnlyList<HashtagHit>> TopHashtagsAsync(int limit, CancellationToken ct)
    {
        await using var connection = await Database.OpenAsync(ct);
        return (await connection.QueryAsync<HashtagHit>(
            "SELECT tag, post_count FROM hashtag_stats WHERE post_count > 0 ORDER BY post_count DESC, tag LIMIT @limit", new { limit })).AsList();
    }

    protected static string BeforeId(string column, Guid? beforeId) => beforeId is null ? "" : $"AND {column} < @beforeId ";

    /// <summary>Ids from one recency-ordered match query (ClawNet's search), or none when no word is left to match.</summary>
    protected async Task<IReadOnlyList<Guid>> RecentIdsAsync(
        SearchTerms terms, Func<IReadOnlyList<string>, (string Sql, object Parameters)> query, CancellationToken ct)
    {
        var words = Words(terms);
        if (words.Count == 0)
        {
            return [];
        }

        var (sql, parameters) = query(words);
        await using var connection = await Database.OpenAsync(ct);
        return (await connection.QueryAsync<Guid>(sql, parameters)).AsList();
    }

    /// <summary>The words again filtered to letters, digits, marks and '_': the parser already guarantees it,
    /// and this keeps quoting safe whoever calls.</summary>
    protected static IReadOnlyList<string> Words(SearchTerms terms) =>
        terms.Words.Select(w => new string(w.Where(IsWordChar).ToArray())).Where(w => w.Length > 0).ToList();

    public static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || c == '_' || char.GetUnicodeCategory(c) is
            System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    // Built into the text rather than "@x IS NULL OR ...": PostgreSQL cannot type an untyped null parameter.
    protected static string Before(string column, long? beforeDoc) => beforeDoc is null ? "" : $"AND {column} < @beforeDoc ";
}
