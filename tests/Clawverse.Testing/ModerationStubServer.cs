using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Testing;

/// <summary>One request as the moderation stub received it, with its raw JSON body.</summary>
public sealed record ModerationStubRequest(string Method, string Path, string? Authorization, string? ContentType, string Body);

/// <summary>
/// An OpenAI-compatible moderation API on a free loopback port (Kestrel): <c>POST /v1/moderations</c> answers
/// the real API's shape (<c>{"id", "model", "results": [{"flagged", "categories", "category_scores",
/// "category_applied_input_types"}]}</c> with all thirteen omni-moderation categories). Nothing is flagged
/// unless told: a text part containing a set word, or any image part, flags the categories given for it. It
/// records every request, and can be told to fail, to answer garbage or to answer late.
/// </summary>
public sealed class ModerationStubServer : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Categories =
    [
        "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent", "self-harm",
        "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence", "violence/graphic",
    ];

    private LoopbackApp _app = null!;
    private readonly ConcurrentDictionary<string, string[]> _flaggedWords = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<ModerationStubRequest> _requests = new();
    private volatile string[]? _imageCategories;
    private volatile Behaviour _behaviour = Behaviour.Normal;

    private ModerationStubServer()
    {
    }

    /// <summary>Where a client should point its moderation URL: <c>http://127.0.0.1:{port}/v1</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyCollection<ModerationStubRequest> Requests => _requests;

    public static async Task<ModerationStubServer> StartAsync()
    {
        var stub = new ModerationStubServer();
        stub._app = await LoopbackApp.StartAsync(stub.HandleAsync, maxRequestBodySize: 64 * 1024 * 1024);
        stub.BaseUrl = stub._app.Origin + "/v1";
        return stub;
    }

    /// <summary>A text part containing <paramref name="word"/> (any case) is flagged with these categories.</summary>
    public void FlagText(string word, params string[] categories) => _flaggedWords[word] = categories;

    /// <summary>Any image part is flagged with these categories.</summary>
    public void FlagImages(params string[] categories) => _imageCategories = categories;

    /// <summary>From now on every request is answered with this status and an error body.</summary>
    public void FailWith(int statusCode) => _behaviour = _behaviour with { FailStatus = statusCode, RawBody = null };

    /// <summary>From now on every request is answered 200 with this body, as it is (bad JSON, say).</summary>
    public void AnswerWith(string rawBody) => _behaviour = _behaviour with { RawBody = rawBody, FailStatus = null };

    /// <summary>From now on every answer waits this long first (or until the client hangs up).</summary>
    public void DelayBy(TimeSpan delay) => _behaviour = _behaviour with { Delay = delay };

    /// <summary>Back to judging by the words and image categories set.</summary>
    public void Recover() => _behaviour = Behaviour.Normal;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var authorization = request.Headers.Authorization.ToString();
        _requests.Enqueue(new ModerationStubRequest(request.Method, request.Path.Value ?? string.Empty,
            authorization.Length > 0 ? authorization : null, request.ContentType, body));

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
            await WriteAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["message"] = "Stub told to fail", ["type"] = "server_error" } });
            return;
        }

        if (behaviour.RawBody is { } raw)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(raw);
            return;
        }

        if (!HttpMethods.IsPost(request.Method) || request.Path.Value != "/v1/moderations")
        {
            context.Response.StatusCode = 404;
            return;
        }

        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            await WriteAsync(context, 400, new JsonObject { ["error"] = new JsonObject { ["message"] = "We could not parse the JSON body" } });
            return;
        }

        var flagged = new List<string>();
        var types = new List<string>();
        foreach (var part in parsed?["input"]?.AsArray() ?? [])
        {
            switch ((string?)part?["type"])
            {
                case "text":
                    types.Add("text");
                    var text = (string?)part?["text"] ?? string.Empty;
                    foreach (var (word, categories) in _flaggedWords)
                    {
                        if (text.Contains(word, StringComparison.OrdinalIgnoreCase))
                            flagged.AddRange(categories);
                    }

                    break;
                case "image_url":
                    types.Add("image");
                    if (_imageCategories is { } imageCategories)
                        flagged.AddRange(imageCategories);
                    break;
            }
        }

        var categoriesJson = new JsonObject();
        var scores = new JsonObject();
        var applied = new JsonObject();
        foreach (var category in Categories)
        {
            var hit = flagged.Contains(category);
            categoriesJson[category] = hit;
            scores[category] = hit ? 0.97 : 0.0001;
            applied[category] = new JsonArray([.. types.Select(type => (JsonNode)JsonValue.Create(type))]);
        }

        await WriteAsync(context, 200, new JsonObject
        {
            ["id"] = "modr-" + Guid.NewGuid().ToString("N"),
            ["model"] = (string?)parsed?["model"] ?? "omni-moderation-latest",
            ["results"] = new JsonArray(new JsonObject
            {
                ["flagged"] = flagged.Count > 0,
                ["categories"] = categoriesJson,
                ["category_scores"] = scores,
                ["category_applied_input_types"] = applied,
            }),
        });
    }

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private sealed record Behaviour(int? FailStatus, string? RawBody, TimeSpan Delay)
    {
        public static readonly Behaviour Normal = new(null, null, TimeSpan.Zero);
    }
}
