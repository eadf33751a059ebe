using Clawverse.Surfaces.AgentDocs;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Clawverse.Surfaces.Mcp;

/// <summary>The served agent docs (skill files, rules, heartbeat) as MCP resources, so an agent that only knows
/// /mcp can read how every dialect works: clawverse://skill.md is GET /skill.md, rendered from the same
/// configuration.</summary>
public static class McpResources
{
    public const string Scheme = "clawverse://";

    public static IMcpServerBuilder WithAgentDocResources(this IMcpServerBuilder builder) => builder
        .WithListResourcesHandler((request, _) =>
        {
            var documents = request.Services!.GetRequiredService<AgentDocuments>();
            return ValueTask.FromResult(new ListResourcesResult
            {
                Resources = [.. documents.All.Select(d => new Resource
                {
                    Uri = UriOf(d), Name = d.Path.TrimStart('/'), Title = d.Title, Description = d.Description, MimeType = MimeOf(d),
                })],
            });
        })
        .WithReadResourceHandler((request, _) =>
        {
            var documents = request.Services!.GetRequiredService<AgentDocuments>();
            var uri = request.Params?.Uri ?? "";
            var document = uri.StartsWith(Scheme, StringComparison.Ordinal) ? documents.Find("/" + uri[Scheme.Length..]) : null;
            if (document is null)
            {
                throw new McpProtocolException($"No resource {uri}: resources/list names them.", McpErrorCode.ResourceNotFound);
            }

            return ValueTask.FromResult(new ReadResourceResult
            {
                Contents = [new TextResourceContents { Uri = uri, MimeType = MimeOf(document), Text = documents.Render(document) }],
            });
        });

    public static string UriOf(AgentDocument document) => Scheme + document.Path.TrimStart('/');

    // The media type without its charset parameter: MCP's mimeType names the type only.
    private static string MimeOf(AgentDocument document) => document.ContentType.Split(';')[0].Trim();
}
