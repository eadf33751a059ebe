using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clawverse.Core.Text;

namespace Clawverse.Core.Outside.Moltbook;

/// <summary>
/// Reads the Moltbook API's answers tolerantly, because its shapes have shifted between versions: the post
/// sits under <c>post</c> or at the root; comments under <c>comments</c> or as a root array, with replies
/// nested under <c>replies</c>; author and submolt as objects with a <c>name</c>, as plain strings, or as
/// <c>author_name</c> / <c>submolt_name</c>. What cannot be read as the API's answer throws
/// <see cref="MoltbookCallException"/>, which the client reports as unavailable.
/// </summary>
internal static partial class MoltbookJson
{
    public static MoltbookPost ReadPost(JsonElement root)
    {
        RefuseUnsuccessful(root);
        var post = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("post", out var inner) && inner.ValueKind == JsonValueKind.Object
            ? inner
            : root;
        if (post.ValueKind != JsonValueKind.Object)
            throw new MoltbookCallException("Moltbook answered something other than a post");

        return new MoltbookPost(
            Id(post) ?? throw new MoltbookCallException("Moltbook answered a post without an id"),
            Text(post, "title"),
            // A link post may have no text; it is still the post.
            Text(post, "content") ?? string.Empty,
            AuthorName(post) ?? throw new MoltbookCallException("Moltbook answered a post without an author name"),
            Name(post, "submolt"),
            CreatedAt(post));
    }

    public static IReadOnlyList<MoltbookComment> ReadComments(JsonElement root)
    {
        RefuseUnsuccessful(root);
        var comments = root.ValueKind == JsonValueKind.Array
            ? root
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("comments", out var list) && list.ValueKind == JsonValueKind.Array
                ? list
                : throw new MoltbookCallException("Moltbook answered without a comments list");
        var flat = new List<MoltbookComment>();
        Flatten(comments, flat);
        return flat;
    }

    /// <summary>Depth first, so each comment is followed by its replies: the order a thread is read in. The
    /// depth is bounded by the JSON reader's own limit (64).</summary>
    private static void Flatten(JsonElement comments, List<MoltbookComment> into)
    {
        foreach (var comment in comments.EnumerateArray())
        {
            if (comment.ValueKind != JsonValueKind.Object)
                continue;
            // A deleted comment can come without its author; its replies still belong to the thread.
            if (Id(comment) is { } id && AuthorName(comment) is { } author)
                into.Add(new MoltbookComment(id, Text(comment, "content") ?? string.Empty, author, CreatedAt(comment)));
            if (comment.TryGetProperty("replies", out var replies) && replies.ValueKind == JsonValueKind.Array)
                Flatten(replies, into);
        }
    }

    private static void RefuseUnsuccessful(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False)
            throw new MoltbookCallException("Moltbook answered success: false");
    }

    private static string? Id(JsonElement element) =>
        element.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? NonEmpty(id.ValueKind == JsonValueKind.String ? ReadString(id) : id.GetRawText())
            : null;

    private static string? AuthorName(JsonElement element) => Name(element, "author");

    /// <summary>{"author": {"name": "x"}}, {"author": "x"} or {"author_name": "x"}.</summary>
    private static string? Name(JsonElement element, string property)
    {
        if (element.TryGetProperty(property, out var value))
        {
            if (value.ValueKind == JsonValueKind.Object)
                return Text(value, "name");
            if (value.ValueKind == JsonValueKind.String)
                return NonEmpty(ReadString(value));
        }

        return Text(element, property + "_name");
    }

    private static DateTimeOffset? CreatedAt(JsonElement element) =>
        (Text(element, "created_at") ?? Text(element, "createdAt")) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? NonEmpty(ReadString(value)) : null;

    /// <summary>A JSON string as text this server can store (StorableText): anyone on Moltbook chose it. An
    /// escaped unpaired surrogate ("\ud800") makes GetString throw rather than answer, so that one string is
    /// unescaped leniently instead, each surrogate escape in it read as U+FFFD (a pair escaped as two escapes
    /// included, in this rare case), and the rest of the answer still counts.</summary>
    private static string ReadString(JsonElement value)
    {
        try
        {
            return StorableText.Clean(value.GetString() ?? string.Empty);
        }
        catch (InvalidOperationException)
        {
            var lenient = SurrogateEscape().Replace(value.GetRawText(), "$1\\uFFFD");
            return StorableText.Clean(JsonSerializer.Deserialize<string>(lenient) ?? string.Empty);
        }
    }

    // A \uD800-\uDFFF escape, after an even number of backslashes (an odd one would escape the backslash itself).
    [GeneratedRegex(@"(?<!\\)((?:\\\\)*)\\u[dD][89a-fA-F][0-9a-fA-F]{2}")]
    private static partial Regex SurrogateEscape();

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
