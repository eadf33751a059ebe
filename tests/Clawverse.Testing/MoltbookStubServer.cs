using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Testing;

/// <summary>One request as the stub received it.</summary>
public sealed record MoltbookStubRequest(string Method, string Path, string? Authorization);

/// <summary>
/// The Moltbook API on a free loopback port (Kestrel), holding posts and comments in memory and answering
/// <c>GET /api/v1/posts/{id}</c> and <c>GET /api/v1/posts/{id}/comments</c> in the real API's shapes
/// (<c>{"success": true, "post": {...}}</c>, comments nested under <c>replies</c>), 404 for unknown posts.
/// It records every request, and can be told to fail, to answer garbage or to answer late.
/// </summary>
public sealed class MoltbookStubServer : IAsyncDisposable
{
    private LoopbackApp _app = null!;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StubPost> _posts = [];
    private readonly List<StubComment> _comments = [];
    private readonly ConcurrentQueue<MoltbookStubRequest> _requests = new();
    private volatile Behaviour _behaviour = Behaviour.Normal;
    private long _clockSeconds = DateTimeOffset.Parse("2026-01-30T12:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeSeconds();

    private MoltbookStubServer()
    {
    }

    /// <summary>Where a client should point its Moltbook URL: <c>http://127.0.0.1:{port}/api/v1</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Every request received, in order, including the ones told to fail.</summary>
    public IReadOnlyCollection<MoltbookStubRequest> Requests => _requests;

    public static async Task<MoltbookStubServer> StartAsync()
    {
        var stub = new MoltbookStubServer();
        stub._app = await LoopbackApp.StartAsync(stub.HandleAsync);
        stub.BaseUrl = stub._app.Origin + "/api/v1";
        return stub;
    }

    /// <summary>A post with this id; its created_at is one minute after the previous thing added.</summary>
    public void AddPost(string id, string content, string author, string? submolt = "general", string? title = null)
    {
        lock (_lock)
            _posts[id] = new StubPost(id, title, content, author, submolt, NextTime());
    }

    /// <summary>The post is deleted: from now on it answers 404.</summary>
    public void RemovePost(string id)
    {
        lock (_lock)
            _posts.Remove(id);
    }

    /// <summary>A comment on the post, or a reply to one of its comments; returns the new comment's id.</summary>
    public string AddComment(string postId, string content, string author, string? replyTo = null)
    {
        var id = Guid.NewGuid().ToString();
        lock (_lock)
            _comments.Add(new StubComment(id, postId, replyTo, content, author, NextTime()));
        return id;
    }

    /// <summary>From now on every request is answered with this status and an error body.</summary>
    public void FailWith(int statusCode) => _behaviour = _behaviour with { FailStatus = statusCode, RawBody = null };

    /// <summary>From now on every request is answered 200 with this body, as it is (bad JSON, say).</summary>
    public void AnswerWith(string rawBody) => _behaviour = _behaviour with { RawBody = rawBody, FailStatus = null };

    /// <summary>From now on every answer waits this long first (or until the client hangs up).</summary>
    public void DelayBy(TimeSpan delay) => _behaviour = _behaviour with { Delay = delay };

    /// <summary>Back to answering from the posts and comments held.</summary>
    public void Recover() => _behaviour = Behaviour.Normal;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private DateTimeOffset NextTime() => DateTimeOffset.FromUnixTimeSeconds(Interlocked.Add(ref _clockSeconds, 60));

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        _requests.Enqueue(new MoltbookStubRequest(request.Method, request.Path.Value ?? string.Empty, authorization.Length > 0 ? authorization : null));

        var behaviour = _behaviour;
        if (behaviour.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(behaviour.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (behaviour.FailStatus is { } status)
        {
            await WriteAsync(context, status, Error("Stub told to fail"));
            return;
        }

        if (behaviour.RawBody is { } raw)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(raw);
            return;
        }

        var (postId, comments) = Route(request);
        JsonObject? answer;
        lock (_lock)
            answer = postId is null || !_posts.TryGetValue(postId, out var post) ? null : comments ? CommentsJson(post) : PostJson(post);
        await WriteAsync(context, answer is null ? 404 : 200, answer ?? Error("Post not found"));
    }

    /// <summary>GET /api/v1/posts/{id} or GET /api/v1/posts/{id}/comments; anything else is no post.</summary>
    private static (string? PostId, bool Comments) Route(HttpRequest request)
    {
        const string prefix = "/api/v1/posts/";
        var path = request.Path.Value ?? string.Empty;
        if (!HttpMethods.IsGet(request.Method) || !path.StartsWith(prefix, StringComparison.Ordinal))
            return (null, false);
        var parts = path[prefix.Length..].Split('/');
        return parts switch
        {
            [var id] when id.Length > 0 => (id, false),
            [var id, "comments"] when id.Length > 0 => (id, true),
            _ => (null, false),
        };
    }

    private JsonObject PostJson(StubPost post) => new()
    {
        ["success"] = true,
        ["post"] = new JsonObject
        {
            ["id"] = post.Id,
            ["title"] = post.Title,
            ["content"] = post.Content,
            ["url"] = null,
            ["upvotes"] = 0,
            ["downvotes"] = 0,
            ["comment_count"] = _comments.Count(comment => comment.PostId == post.Id),
            ["created_at"] = Time(post.CreatedAt),
            ["author"] = new JsonObject { ["id"] = StableId(post.Author), ["name"] = post.Author },
            ["submolt"] = post.Submolt is null ? null : new JsonObject { ["id"] = StableId(post.Submolt), ["name"] = post.Submolt, ["display_name"] = post.Submolt },
        },
    };

    private JsonObject CommentsJson(StubPost post) => new()
    {
        ["success"] = true,
        ["post_id"] = post.Id,
        ["post_title"] = post.Title,
        ["sort"] = "top",
        ["count"] = _comments.Count(comment => comment.PostId == post.Id),
        ["comments"] = Thread(post.Id, parentId: null),
    };

    private JsonArray Thread(string postId, string? parentId) =>
    [
        .. _comments.Where(comment => comment.PostId == postId && comment.ParentId == parentId).Select(comment => new JsonObject
        {
            ["id"] = comment.Id,
            ["content"] = comment.Content,
            ["parent_id"] = comment.ParentId,
            ["upvotes"] = 0,
            ["downvotes"] = 0,
            ["created_at"] = Time(comment.CreatedAt),
            ["author"] = new JsonObject { ["id"] = StableId(comment.Author), ["name"] = comment.Author },
            ["replies"] = Thread(postId, comment.Id),
        }),
    ];

    private static JsonObject Error(string message) => new() { ["success"] = false, ["error"] = message };

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A stable id for a name, as the real API gives agents and submolts UUIDs of their own.</summary>
    private static string StableId(string name) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16)).ToString();

    private sealed record StubPost(string Id, string? Title, string Content, string Author, string? Submolt, DateTimeOffset CreatedAt);

    private sealed record StubComment(string Id, string PostId, string? ParentId, string Content, string Author, DateTimeOffset CreatedAt);

    private sealed record Behaviour(int? FailStatus, string? RawBody, TimeSpan Delay)
    {
        public static readonly Behaviour Normal = new(null, null, TimeSpan.Zero);
    }
}
