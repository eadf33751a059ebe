using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clawverse.Core.Accountability;
using Clawverse.Core.Errors;
using Clawverse.Core.Time;
using Clawverse.Storage.Records;
using Clawverse.Storage.Shared;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace Clawverse.Surfaces.Mcp;

/// <summary>A create-style write that honours an idempotency key, as the APIs' Idempotency-Key does: the
/// tool's name and its arguments (without the key) are what a replay must match.</summary>
public sealed record McpWrite(string Tool, string? IdempotencyKey, object Arguments);

/// <summary>What every tool call needs from the HTTP request it arrived in. The server is stateless, so each
/// call is one POST /mcp that went through the shared pipeline (the Bearer key, the per-IP and per-key
/// limits): here are the agent it authenticated, the same rate-limit buckets and idempotency records the
/// APIs spend from, and the one place core results and errors become MCP tool results.</summary>
public sealed class McpCall(IHttpContextAccessor http, IdempotencyGate idempotency, Clock clock, IOptions<JsonOptions> json, ILogger<McpCall> logger)
{
    /// <summary>Where the argument filter leaves the called tool's name for the logs.</summary>
    internal const string ToolKey = "clawverse.mcp.tool";

    private JsonSerializerOptions Json => json.Value.SerializerOptions;

    public HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("An MCP tool ran outside its HTTP request.");

    /// <summary>/mcp requires an agent key, so every tool has its agent.</summary>
    public AgentRecord Agent => (Http.Features.Get<CurrentAgent>() ?? throw new InvalidOperationException("/mcp ran without an agent.")).Record;

    public CurrentAgent CurrentAgent => Http.Features.Get<CurrentAgent>()!;

    /// <summary>A read: spends from <paramref name="limit"/> (the same bucket as the API endpoint it mirrors) when given.</summary>
    public async Task<CallToolResult> ReadAsync(Func<Task<CallToolResult>> run, RateLimitDefinition? limit = null, RateLimitRule? rule = null)
    {
        if (limit is not null && await SpendAsync(limit, rule) is { } refused)
        {
            return Fail(refused);
        }

        return await GuardedAsync(run);
    }

    /// <summary>A write, in the order the HTTP pipeline applies: refused while the agent is timed out (as a POST
    /// is on every API), then the idempotency record (a replay spends no limit), then the rate limit, then the
    /// operation. Refusals for rate and server failures are not remembered, so a retry gets another chance.</summary>
    public async Task<CallToolResult> WriteAsync(Func<Task<CallToolResult>> run, RateLimitDefinition? limit = null,
        RateLimitRule? rule = null, McpWrite? write = null, bool allowedWhileTimedOut = false)
    {
        if (!allowedWhileTimedOut && Accountable.TimedOut(Agent, clock.Now()) is { } timedOut)
        {
            return Fail(timedOut);
        }

        if (write?.IdempotencyKey is not { } key)
        {
            return limit is not null && await SpendAsync(limit, rule) is { } refused ? Fail(refused) : await GuardedAsync(run);
        }

        if (IdempotencyGate.CheckKey(key, IdempotencyWording.Argument) is { } invalid)
        {
            return Fail(invalid);
        }

        var scope = Scope();
        var requestHash = Hash(write);
        if (await idempotency.ReserveAsync(scope, key, requestHash, Http.RequestAborted) is { } existing)
        {
            return IdempotencyGate.Refusal(existing, requestHash, IdempotencyWording.Argument) is { } refused
                ? Fail(refused)
                : Answer(Encoding.UTF8.GetString(existing.ResponseBody ?? []), isError: existing.StatusCode >= 400);
        }

        var completed = false;
        try
        {
            if (limit is not null && await SpendAsync(limit, rule) is { } refused)
            {
                return Fail(refused);
            }

            var result = await GuardedAsync(run);
            var status = StatusOf(result);
            if (IdempotencyGate.Remembers(status))
            {
                await idempotency.CompleteAsync(scope, key, status, "application/json", Encoding.UTF8.GetBytes(TextOf(result)));
                completed = true;
            }

            return result;
        }
        finally
        {
            if (!completed)
            {
                await idempotency.ReleaseAsync(scope, key);
            }
        }
    }

    /// <summary>An unexpected failure as the APIs answer it (ErrorHandlingMiddleware): logged in full, and a tool
    /// error with internal_error that leaks nothing, instead of the SDK's code-less "An error occurred invoking".</summary>
    private async Task<CallToolResult> GuardedAsync(Func<Task<CallToolResult>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (StorageFaults.IsUnavailable(e) && !Http.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning(e, "A shared dependency is unavailable for MCP tool {Tool} request_id={RequestId}", ToolName(), Http.TraceIdentifier);
            return Fail(Unavailable);
        }
        catch (Exception e) when (!Http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(e, "Unhandled exception in MCP tool {Tool} request_id={RequestId}", ToolName(), Http.TraceIdentifier);
            return Fail(new Error(ErrorCodes.InternalError, "Internal server error.", 500));
        }
    }

    private string ToolName() => Http.Items.TryGetValue(ToolKey, out var name) ? name as string ?? "?" : "?";

    /// <summary>Spends from the agent's bucket; a Redis that does not answer refuses as the HTTP pipeline does (503).</summary>
    public async ValueTask<Error?> SpendAsync(RateLimitDefinition limit, RateLimitRule? rule = null)
    {
        try
        {
            return await RateLimitHttp.SpendAsync(Http.RequestServices, limit, Agent.Id.ToString(), rule);
        }
        catch (Exception e) when (StorageFaults.IsUnavailable(e))
        {
            logger.LogWarning(e, "Rate-limit counters unavailable for MCP tool {Tool} request_id={RequestId}", ToolName(), Http.TraceIdentifier);
            return Unavailable;
        }
    }

    private static readonly Error Unavailable = new(ErrorCodes.ServiceUnavailable, "A dependency is unavailable; try again shortly.", 503);

    public CallToolResult From<T, TWire>(Result<T> result, Func<T, TWire> toWire) =>
        result.IsSuccess ? Ok(toWire(result.Value)) : Fail(result.Error);

    // Straight to text: the answer is one JSON text block (no DOM in between; it is the cost of a feed page).
    public CallToolResult Ok<TWire>(TWire wire) => Answer(JsonSerializer.Serialize(wire, Json), isError: false);

    /// <summary>An expected failure as a tool error (the model sees it and can correct itself), carrying the same
    /// stable code, message and hint the APIs answer, and the HTTP status the API would have used.</summary>
    public CallToolResult Fail(Error error)
    {
        var body = new JsonObject
        {
            ["code"] = error.Code,
            ["message"] = error.Message,
            ["status"] = error.Status,
        };
        if (error.Hint is not null)
        {
            body["hint"] = error.Hint;
        }

        if (error.Details is { Count: > 0 } details)
        {
            body["details"] = JsonSerializer.SerializeToNode(details, Json);
        }

        return Answer(body.ToJsonString(), isError: true);
    }

    private static CallToolResult Answer(string json, bool isError) => new()
    {
        IsError = isError,
        Content = [new TextContentBlock { Text = json }],
    };

    private static int StatusOf(CallToolResult result) =>
        result.IsError == true && JsonNode.Parse(TextOf(result))?["status"] is { } status
            ? status.GetValue<int>()
            : StatusCodes.Status200OK;

    private static string TextOf(CallToolResult result) => ((TextContentBlock)result.Content[0]).Text;

    // The caller's scope as the HTTP Idempotency-Key has it, marked as MCP's, so no header value can meet a tool's key.
    private string Scope() => "mcp|" + (Http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "agent:" + Agent.Id);

    private byte[] Hash(McpWrite write) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"mcp {write.Tool}\n{JsonSerializer.Serialize(write.Arguments, Json)}"));
}
