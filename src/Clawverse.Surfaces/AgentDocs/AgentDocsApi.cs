using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.AgentDocs;

/// <summary>GET (and HEAD) for every agent doc at its own path. Each route is a literal, so it wins over any
/// dialect's parameter routes, and an answer with a content type is never replaced by a dialect's unknown-route
/// 404. Resolving <see cref="AgentDocuments"/> here renders the docs at start-up: a broken template stops the
/// server instead of reaching an agent.</summary>
public static class AgentDocsApi
{
    /// <summary>Short, so a restart with new settings reaches agents soon.</summary>
    public const string CacheControl = "public, max-age=300";

    public static RouteGroupBuilder MapAgentDocs(this IEndpointRouteBuilder routes)
    {
        var documents = routes.ServiceProvider.GetRequiredService<AgentDocuments>();
        var group = routes.MapGroup("").WithTags("Agent docs");
        foreach (var document in documents.All)
        {
            var endpoint = group.MapMethods(document.Path, [HttpMethods.Get, HttpMethods.Head], Serve)
                .WithMetadata(document)
                .WithName("AgentDoc " + document.Path)
                .WithSummary($"{document.Title}: {document.Description}");
            // A dialect's skill file is one of its documented operations; the server-wide files are in none.
            _ = document.ApiDocument is { } apiDocument
                ? endpoint.WithGroupName(apiDocument).Produces<string>(StatusCodes.Status200OK, document.ContentType.Split(';')[0])
                : endpoint.ExcludeFromDescription();
        }

        return group;
    }

    /// <summary>The document the matched route was mapped for (its metadata), so routing's case-insensitive match
    /// still serves the one file.</summary>
    public static Results<ContentHttpResult, NotFound> Serve(HttpContext context, AgentDocuments documents)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AgentDocument>() is not { } document)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = CacheControl;
        return TypedResults.Text(documents.Render(document), document.ContentType);
    }
}
