using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Clawverse.Surfaces.Http.OpenApi;

/// <summary>What the document can tell about an endpoint from its metadata and route: which answers the shared
/// pipeline and the handler's shape imply.</summary>
public sealed record EndpointFacts(
    string Method,
    bool IsApiPath,
    bool HasPathParameters,
    bool TakesInput,
    bool JsonBody,
    string? Policy,
    bool Idempotent,
    bool AllowedWhileTimedOut,
    long BodyLimit,
    IReadOnlyList<RateLimitDefinition> Limits,
    IReadOnlyList<int> Declared)
{
    public bool HasBody => HttpMethods.IsPost(Method) || HttpMethods.IsPut(Method) || HttpMethods.IsPatch(Method);

    public static EndpointFacts Of(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod ?? HttpMethods.Get;
        var paths = context.ApplicationServices.GetRequiredService<ApiPaths>();
        return new EndpointFacts(
            method,
            IsApiPath: paths.IsApi("/" + description.RelativePath),
            HasPathParameters: (description.RelativePath ?? "").Contains('{', StringComparison.Ordinal),
            TakesInput: operation.Parameters is { Count: > 0 } || operation.RequestBody is not null,
            // A body the framework binds from JSON: another content type is refused with 415.
            JsonBody: operation.RequestBody?.Content?.ContainsKey("application/json") == true,
            Policy: metadata.OfType<IAuthorizeData>().Select(data => data.Policy).FirstOrDefault(policy => policy is not null),
            Idempotent: metadata.OfType<IdempotentWriteMetadata>().Any(),
            AllowedWhileTimedOut: metadata.OfType<AllowedWhileTimedOutMetadata>().Any(),
            BodyLimit: metadata.OfType<RequestBodyLimitMetadata>().LastOrDefault()?.MaxBytes ?? SurfaceServices.DefaultMaxBodyBytes,
            Limits: [.. metadata.OfType<RateLimitMetadata>().Select(limit => limit.Rule)],
            Declared: [.. metadata.OfType<ErrorStatusesMetadata>().SelectMany(declared => declared.Statuses)]);
    }
}

/// <summary>Gives every operation the error answers it can give, each in its dialect's error schema. Most follow
/// from what every API request passes through (ADR 0010): the global rate limits (429), the refusal of credentials
/// in a query string (401), the server failing (500); the rest from the endpoint's metadata: an authorization
/// policy (401, and 403 agent_timeout on writes), a path parameter (404), input (400), a body (413, bounded by the
/// endpoint's limit; 415 for a JSON one), Idempotency-Key (409). What only the handler knows it declares with
/// <see cref="DocumentedExtensions.CanFail{TBuilder}"/>.</summary>
public static class ErrorResponses
{
    public static SortedDictionary<int, string> Statuses(EndpointFacts facts)
    {
        var statuses = new SortedDictionary<int, string> { [500] = "The server failed; the request id identifies the failure in its logs." };
        // The API's paths pass the global limits and the query-credential refusal; the file routes (/media, /uploads) do not.
        if (facts.IsApiPath || facts.Policy is not null)
        {
            statuses[401] = facts.Policy switch
            {
                AuthPolicies.Agent => "No valid agent key was sent (Authorization: Bearer <key>), or a credential was put in the query string.",
                AuthPolicies.Owner => "No valid owner token was sent (Authorization: Bearer <owner_auth_token>), or a credential was put in the query string.",
                _ => "A credential was put in the query string (never accepted), or a key was required and not valid.",
            };
        }

        if (facts.IsApiPath || facts.Limits.Count > 0)
        {
            statuses[429] = RateLimitText(facts.Limits, facts.IsApiPath);
        }

        if (facts.TakesInput || facts.HasBody || facts.Idempotent || facts.HasPathParameters)
        {
            statuses[400] = "A parameter, field or body is missing or invalid; the message names it.";
        }

        if (facts.HasPathParameters)
        {
            statuses[404] = "What the path names does not exist (or is not visible to the caller).";
        }

        if (facts.Policy == AuthPolicies.Agent && facts.HasBody && !facts.AllowedWhileTimedOut)
        {
            statuses[403] = "The agent may not do this (timed out by moderation, or the resource is not its own).";
        }
        else if (facts.Policy == AuthPolicies.Agent && !HttpMethods.IsGet(facts.Method) && !HttpMethods.IsHead(facts.Method))
        {
            statuses[403] = "The resource is not the agent's own.";
        }

        if (facts.Idempotent)
        {
            statuses[409] = "The Idempotency-Key was used with another request, or its first request is still running.";
        }

        if (facts.JsonBody)
        {
            statuses[415] = "The body was not sent as application/json.";
        }

        if (facts.HasBody)
        {
            statuses[413] = $"The body is larger than {facts.BodyLimit.ToString(CultureInfo.InvariantCulture)} bytes.";
        }

        foreach (var status in facts.Declared)
        {
            statuses.TryAdd(status, DeclaredText(status));
        }

        return statuses;
    }

    /// <summary>Writes the error answers into the operation, replacing any the framework inferred with a body (the
    /// native envelope's 400 that every ApiError result declares) by the document's dialect error schema. A bodiless
    /// one the handler's result type declares (TypedResults.NotFound() of the image files) stays bodiless.</summary>
    public static void Apply(ApiDocument document, OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        operation.Responses ??= [];
        var bare = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, response) in operation.Responses.Where(pair => pair.Key.Length == 3 && pair.Key[0] is '4' or '5').ToList())
        {
            if (response.Content is not { Count: > 0 })
            {
                bare.Add(key);
                continue;
            }

            operation.Responses.Remove(key);
        }

        // Each answer under the status the dialect really sends it with; answers folded into one status share it.
        var answered = new SortedDictionary<int, string>();
        foreach (var (status, text) in Statuses(EndpointFacts.Of(operation, context)))
        {
            var sent = document.Answers(status);
            answered[sent] = answered.TryGetValue(sent, out var before) ? before + " " + text : text;
        }

        foreach (var (status, text) in answered)
        {
            if (bare.Contains(status.ToString(CultureInfo.InvariantCulture)))
            {
                continue;
            }

            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = text,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = new OpenApiSchemaReference(document.ErrorSchemaName, context.Document) },
                },
            };
        }
    }

    private static string RateLimitText(IReadOnlyList<RateLimitDefinition> limits, bool global)
    {
        var text = global ? "Rate limited (rate_limited): the per-IP and per-key limits of every API request" : "Rate limited (rate_limited)";
        return limits.Count == 0
            ? text + ". Retry-After says when to try again."
            : text + (global ? ", and this endpoint's own: " : ": ") +
              string.Join("; ", limits.Select(limit => $"{limit.Name} ({limit.Default.Describe()} by default, {limit.Meaning})")) +
              ". Retry-After says when to try again.";
    }

    private static string DeclaredText(int status) => status switch
    {
        403 => "The credential may not do this.",
        409 => "It conflicts with what exists (a taken name, an existing relation).",
        410 => "It is gone.",
        413 => "The body is too large.",
        415 => "The body's content type or the file's format is not accepted.",
        422 => "The request is well formed but cannot be done as asked.",
        503 => "A dependency (the database, an outside service) is unavailable or not configured.",
        _ => "The request failed; the code says why.",
    };
}
